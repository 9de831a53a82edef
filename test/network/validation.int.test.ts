import { readFileSync } from 'node:fs';
import { Client, credentials } from '@grpc/grpc-js';
import { connect, EndorseError, hash, type Contract } from '@hyperledger/fabric-gateway';
import { peer } from '@alliance/network/protos';
import { mspOf, testDefinition, text, type TestNetwork } from './harness/network';
import { startRuntimeNetwork, testRuntime } from './support/runtime';

jest.setTimeout(120_000);

describe(`validation on every peer of the ${testRuntime()} network, through the gateway`, () => {
  let net: TestNetwork;
  let contract: Contract;

  beforeAll(async () => {
    // Blocks wait 400 ms for more transactions, so concurrent submissions share a block.
    net = await startRuntimeNetwork(
      testDefinition({ orgs: 3, batch: { cutOnDrain: false, timeoutMs: 400, maxMessageCount: 50 } }),
    );
    contract = net.connect('platform').gateway.getNetwork(net.definition.channel).getContract('testcc');
  });
  afterAll(async () => {
    await net.stop();
  });

  it('commits a write endorsed only by an org the key-level policy does not name as ENDORSEMENT_POLICY_FAILURE', async () => {
    const brand = mspOf(net.definition, 'brand');
    await contract.submitTransaction('put', 'owned', 'v0');
    await contract.submitTransaction('setPolicy', 'owned', JSON.stringify([brand]));

    const platformOnly = await contract.submitAsync('put', {
      arguments: ['owned', 'stolen'],
      endorsingOrganizations: [mspOf(net.definition, 'platform')],
    });
    const status = await platformOnly.getStatus();
    expect(status.code).toBe(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    expect(text(await contract.evaluateTransaction('get', 'owned'))).toBe('v0');

    // Without named orgs the gateway plans the key-level policy's org in, and the write commits.
    await contract.submitTransaction('put', 'owned', 'v1');
    expect(text(await contract.evaluateTransaction('get', 'owned'))).toBe('v1');
  });

  it('gives MVCC_READ_CONFLICT to the second of two conflicting transactions in one block', async () => {
    await contract.submitTransaction('put', 'contended', 'start');
    const first = await contract.newProposal('putThenGet', { arguments: ['contended', 'a'] }).endorse();
    const second = await contract.newProposal('putThenGet', { arguments: ['contended', 'b'] }).endorse();
    const [c1, c2] = await Promise.all([first.submit(), second.submit()]);
    const [s1, s2] = await Promise.all([c1.getStatus(), c2.getStatus()]);
    expect(s1.blockNumber).toBe(s2.blockNumber);
    // Concurrent submissions reach the orderer in either order: the one ordered first wins.
    expect([s1.code, s2.code].sort()).toEqual(
      [peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT].sort(),
    );
    const winner = s1.code === peer.TxValidationCode.VALID ? 'a' : 'b';
    expect(text(await contract.evaluateTransaction('get', 'contended'))).toBe(winner);
  });

  it('catches a phantom read when a key appears in a scanned range before commit', async () => {
    await contract.submitTransaction('put', 'scan-a', '1');
    const scan = await contract.newProposal('rangeFirst', { arguments: ['scan-', 'scan-~', '10'] }).endorse();
    await contract.submitTransaction('put', 'scan-b', '2');
    const status = await (await scan.submit()).getStatus();
    expect(status.code).toBe(peer.TxValidationCode.PHANTOM_READ_CONFLICT);
  });

  it('refuses a proposal with a bad creator signature', async () => {
    const org = net.profile.orgs.platform;
    if (!org) throw new Error('no platform org in the profile');
    const user = org.identities.User1;
    if (!user) throw new Error('no User1');
    const client = new Client(org.peer.endpoint, credentials.createSsl(readFileSync(org.peer.tlsCaFile)), {
      'grpc.ssl_target_name_override': org.peer.tlsHostName,
    });
    const forged = connect({
      client,
      identity: { mspId: org.mspId, credentials: readFileSync(user.certFile) },
      signer: () => Promise.resolve(new Uint8Array(70).fill(7)),
      hash: hash.none,
    });
    try {
      const err = await forged
        .getNetwork(net.definition.channel)
        .getContract('testcc')
        .submitTransaction('put', 'forged', 'x')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EndorseError);
      expect(text(await contract.evaluateTransaction('get', 'forged'))).toBe('');
    } finally {
      forged.close();
      client.close();
    }
  });
});
