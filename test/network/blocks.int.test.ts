import { createHash } from 'node:crypto';
import type { Contract } from '@hyperledger/fabric-gateway';
import { common } from '@alliance/network/protos';
import { stateLayout } from '@alliance/network/runtime';
import { checkChain } from './harness/chain-check';
import { startTestNetwork, storedBlocks, testDefinition, type TestNetwork } from './harness/network';

jest.setTimeout(120_000);

describe('stored block files', () => {
  let net: TestNetwork;
  let contract: Contract;

  beforeAll(async () => {
    net = await startTestNetwork(testDefinition({ orgs: 3 }));
    contract = net.connect('platform').gateway.getNetwork(net.definition.channel).getContract('testcc');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => contract.submitTransaction('put', `b${i}`, `${i}`)),
    );
    await contract.submitTransaction('del', 'b0');
  });
  afterAll(async () => {
    await net.stop();
  });

  it('chain every header to the previous header hash, with matching data hashes and valid signatures, on every peer', async () => {
    await net.network.stop();
    const layout = stateLayout(net.stateDir);
    const chains = await Promise.all(
      net.definition.orgs.map((org) => storedBlocks(layout.nodeDir(org.peer.host))),
    );
    const appMspIds = net.definition.orgs.map((o) => o.mspId);
    for (const chain of chains) {
      expect(chain.length).toBeGreaterThan(3);
      expect(
        checkChain(chain, { ordererMspId: net.definition.orderer.mspId, appMspIds, minEndorsingOrgs: 2 }),
      ).toEqual([]);
    }
    // Every peer validated the same blocks to the same codes.
    const first = chains[0]!.map((b) => Buffer.from(b).toString('hex'));
    for (const chain of chains.slice(1))
      expect(chain.map((b) => Buffer.from(b).toString('hex'))).toEqual(first);
  });

  it('detects a tampered block', async () => {
    const layout = stateLayout(net.stateDir);
    const chain = await storedBlocks(layout.nodeDir(net.definition.orgs[0]!.peer.host));
    const block = common.Block.deserializeBinary(chain[2]!);
    const data = block.getData()!.getDataList_asU8();
    const tampered = Buffer.from(data[0]!);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    block.getData()!.setDataList([tampered, ...data.slice(1)]);
    chain[2] = block.serializeBinary();
    const opts = { ordererMspId: net.definition.orderer.mspId, appMspIds: [], minEndorsingOrgs: 0 };
    expect(checkChain(chain, opts)).toEqual([
      'block 2: data hash mismatch',
      'block 2 tx 0: creator signature does not verify',
    ]);

    // A forger who also rewrites the data hash breaks the orderer signature and the next link.
    block
      .getHeader()!
      .setDataHash(createHash('sha256').update(Buffer.concat(block.getData()!.getDataList_asU8())).digest());
    chain[2] = block.serializeBinary();
    const problems = checkChain(chain, opts);
    expect(problems).toContain('block 2: orderer signature does not verify');
    expect(problems).toContain('block 3: previous hash does not link');
  });
});
