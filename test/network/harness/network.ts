import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkDefinition } from '@alliance/network/definition';
import { openBlockStore } from '@alliance/network/ledger';
import { stateLayout } from '@alliance/network/runtime';
import { checkChain } from './chain-check';
import { TEST_CHAINCODE_DIR } from './definition';

export { ASSET_CHAINCODE_DIR, TEST_CHAINCODE_DIR, testDefinition } from './definition';
import type { ConnectionProfile } from '@alliance/network/profile';
import {
  connectProfileGateway,
  startEmbeddedNetwork,
  type ProfileGateway,
  type RunningNetwork,
} from '@alliance/network/runtime';

/** A started test network in a temp state directory. */
export interface TestNetwork {
  readonly network: RunningNetwork;
  readonly definition: NetworkDefinition;
  readonly profile: ConnectionProfile;
  readonly stateDir: string;
  /** A gateway connection through `org`'s peer as `user` (closed by stop()). */
  connect(org: string, user?: string): ProfileGateway;
  /** Stops the network, closes connections and removes the state directory. */
  stop(): Promise<void>;
}

/** Starts a network with the test chaincode (or `chaincodeDir`) in a fresh temp state directory. */
export async function startTestNetwork(
  def: NetworkDefinition,
  chaincodeDir = TEST_CHAINCODE_DIR,
  detached = false,
): Promise<TestNetwork> {
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-net-'));
  let network: RunningNetwork;
  try {
    network = await startEmbeddedNetwork({ definition: def, stateDir, chaincodeDir, detached });
  } catch (err) {
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
  return testNetworkOver(network, def, stateDir, () => verifyStoredChains(stateDir, def));
}

/**
 * The TestNetwork over a network started in `stateDir`: stop() closes the connections it handed
 * out, stops the network, runs `checkStopped` (if given), then removes the state directory
 * (ALLIANCE_KEEP_STATE=1 keeps it, with logs and ledgers, for diagnosis).
 */
export function testNetworkOver(
  network: RunningNetwork,
  def: NetworkDefinition,
  stateDir: string,
  checkStopped?: () => Promise<void>,
): TestNetwork {
  const connections: ProfileGateway[] = [];
  const profile = JSON.parse(readFileSync(network.profilePath, 'utf8')) as ConnectionProfile;
  return {
    network,
    definition: def,
    profile,
    stateDir,
    connect: (org, user = 'User1') => {
      const connection = connectProfileGateway(profile, org, user);
      connections.push(connection);
      return connection;
    },
    stop: async () => {
      for (const c of connections) c.close();
      await network.stop();
      await checkStopped?.();
      if (!process.env.ALLIANCE_KEEP_STATE) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The MSP id of a default org by name. */
export function mspOf(def: NetworkDefinition, org: string): string {
  const found = def.orgs.find((o) => o.name === org);
  if (!found) throw new Error(`no org ${org}`);
  return found.mspId;
}

/** UTF-8 text of bytes. */
export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Every block stored by a peer, read back from its block files. */
export async function storedBlocks(peerDir: string): Promise<Uint8Array[]> {
  const store = await openBlockStore(peerDir);
  try {
    return Array.from({ length: store.height }, (_, i) => store.get(i) ?? new Uint8Array());
  } finally {
    await store.close();
  }
}

/** Re-verifies every peer's stored chain with the independent checker; throws listing the problems. */
export async function verifyStoredChains(stateDir: string, def: NetworkDefinition): Promise<void> {
  const layout = stateLayout(stateDir);
  const appMspIds = def.orgs.map((o) => o.mspId);
  for (const org of def.orgs) {
    const problems = checkChain(await storedBlocks(layout.nodeDir(org.peer.host)), {
      ordererMspId: def.orderer.mspId,
      appMspIds,
      minEndorsingOrgs: 1,
    });
    if (problems.length > 0) throw new Error(`peer of ${org.name}: ${problems.slice(0, 10).join('; ')}`);
  }
}
