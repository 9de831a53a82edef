import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkDefinition } from '@alliance/network/definition';
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
  const connections: ProfileGateway[] = [];
  let network: RunningNetwork;
  try {
    network = await startEmbeddedNetwork({ definition: def, stateDir, chaincodeDir, detached });
  } catch (err) {
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
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
      // ALLIANCE_KEEP_STATE=1 keeps the state directory (logs, ledgers) for diagnosis.
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
