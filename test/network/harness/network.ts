import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultNetworkDefinition, type NetworkDefinition } from '@alliance/network/definition';
import type { ConnectionProfile } from '@alliance/network/profile';
import { connectProfileGateway, startEmbeddedNetwork, type ProfileGateway, type RunningNetwork } from '@alliance/network/runtime';

/** The small test chaincode (get/put/range/history/SBE/events/errors). */
export const TEST_CHAINCODE_DIR = join(__dirname, '..', 'fixtures', 'test-chaincode');
/** The create-asset chaincode the benchmark runs. */
export const ASSET_CHAINCODE_DIR = join(__dirname, '..', 'fixtures', 'asset-chaincode');

/** A network definition for tests: the first `orgs` default orgs, every port 0 (free ports). */
export function testDefinition(opts: { orgs?: number; chaincode?: string; batch?: Partial<NetworkDefinition['batch']>; timeWindowMinutes?: number } = {}): NetworkDefinition {
  const def = defaultNetworkDefinition();
  return {
    ...def,
    chaincode: { name: opts.chaincode ?? 'testcc', version: '1.0', path: TEST_CHAINCODE_DIR },
    orderer: { ...def.orderer, port: 0 },
    orgs: def.orgs.slice(0, opts.orgs ?? 3).map((org) => ({ ...org, peer: { ...org.peer, port: 0 } })),
    batch: { ...def.batch, cutOnDrain: true, ...opts.batch },
    proposalTimeWindowMinutes: opts.timeWindowMinutes ?? def.proposalTimeWindowMinutes,
  };
}

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
export async function startTestNetwork(def: NetworkDefinition, chaincodeDir = TEST_CHAINCODE_DIR, detached = false): Promise<TestNetwork> {
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
      rmSync(stateDir, { recursive: true, force: true });
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
