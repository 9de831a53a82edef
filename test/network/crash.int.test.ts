import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from '@hyperledger/fabric-gateway';
import { openPeerLedger, rebuildState, type PeerLedger } from '@alliance/network/ledger';
import type { ConnectionProfile } from '@alliance/network/profile';
import { peer } from '@alliance/network/protos';
import {
  connectProfileGateway,
  startEmbeddedNetwork,
  stateLayout,
  type ProfileGateway,
  type RunningNetwork,
} from '@alliance/network/runtime';
import { TEST_CHAINCODE_DIR, testDefinition } from './harness/definition';
import { verifyStoredChains } from './harness/network';

jest.setTimeout(120_000);

interface Committed {
  txId: string;
  key: string;
  value: string;
  code: number;
}

function contractOf(network: RunningNetwork): {
  connection: ProfileGateway;
  contract: Contract;
  qscc: Contract;
} {
  const profile = JSON.parse(readFileSync(network.profilePath, 'utf8')) as ConnectionProfile;
  const connection = connectProfileGateway(profile, 'platform', 'User1');
  const channel = connection.gateway.getNetwork(profile.channel);
  return { connection, contract: channel.getContract('testcc'), qscc: channel.getContract('qscc') };
}

function stateOf(ledger: PeerLedger, ns: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of ledger.state.range(ns, '', ''))
    out[key] = `${Buffer.from(value.value).toString('hex')}@${value.version.blockNum}.${value.version.txNum}`;
  return out;
}

describe('crash recovery: SIGKILL of the network process during a load', () => {
  const def = testDefinition({ orgs: 2 });
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-crash-'));
  let network: RunningNetwork | undefined;

  afterAll(async () => {
    await network?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps every transaction reported committed, with its code, and state equals the state rebuilt from blocks', async () => {
    network = await startEmbeddedNetwork({
      definition: def,
      stateDir,
      chaincodeDir: TEST_CHAINCODE_DIR,
      detached: true,
    });
    const first = contractOf(network);
    const committed: Committed[] = [];
    let running = true;
    let n = 0;
    const worker = async (): Promise<void> => {
      while (running) {
        const key = `crash-${n++}`;
        try {
          const submitted = await first.contract.submitAsync('put', { arguments: [key, `value-of-${key}`] });
          const status = await submitted.getStatus();
          committed.push({ txId: status.transactionId, key, value: `value-of-${key}`, code: status.code });
        } catch {
          return; // the network is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    while (committed.length < 40) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(readFileSync(stateLayout(stateDir).pidFile('network'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    running = false;
    await load;
    first.connection.close();

    network = await startEmbeddedNetwork({
      definition: def,
      stateDir,
      chaincodeDir: TEST_CHAINCODE_DIR,
      detached: true,
    });
    const second = contractOf(network);
    try {
      for (const tx of committed) {
        const processed = peer.ProcessedTransaction.deserializeBinary(
          await second.qscc.evaluateTransaction('GetTransactionByID', def.channel, tx.txId),
        );
        expect(processed.getValidationcode()).toBe(tx.code);
        if (tx.code === peer.TxValidationCode.VALID)
          expect(Buffer.from(await second.contract.evaluateTransaction('get', tx.key)).toString()).toBe(
            tx.value,
          );
      }
      await second.contract.submitTransaction('put', 'after-restart', 'ok');
    } finally {
      second.connection.close();
    }
    await network.stop();
    network = undefined;

    await verifyStoredChains(stateDir, def);
    for (const org of def.orgs) {
      const dir = stateLayout(stateDir).nodeDir(org.peer.host);
      const rebuiltDir = join(stateDir, `rebuilt-${org.name}`);
      await rebuildState(dir, rebuiltDir);
      const [stored, rebuilt] = [await openPeerLedger(dir), await openPeerLedger(rebuiltDir)];
      try {
        expect(stateOf(stored, 'testcc')).toEqual(stateOf(rebuilt, 'testcc'));
        expect(stateOf(stored, '_lifecycle')).toEqual(stateOf(rebuilt, '_lifecycle'));
        expect(Object.keys(stateOf(stored, 'testcc'))).toContain('after-restart');
      } finally {
        await stored.close();
        await rebuilt.close();
      }
    }
  });
});
