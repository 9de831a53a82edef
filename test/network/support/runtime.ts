// Starts the network an integration suite runs against: the embedded network (default) or,
// with ALLIANCE_RUNTIME=fabric, real Fabric 2.5 binaries from FABRIC_BIN or the PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkDefinition } from '@alliance/network/definition';
import {
  fabricBinariesPresent,
  joinAddedOrg,
  startAddedOrgPeer,
  startFabricNetwork,
  INSTALL_HINT,
} from '@alliance/network/fabric';
import { startJoiningPeer } from '@alliance/network/runtime';
import { startTestNetwork, TEST_CHAINCODE_DIR, testNetworkOver, type TestNetwork } from '../harness/network';

/** The runtimes a suite can run on. */
export type TestRuntime = 'embedded' | 'fabric';

/** The runtime the suites run on: ALLIANCE_RUNTIME, embedded by default. */
export function testRuntime(env: NodeJS.ProcessEnv = process.env): TestRuntime {
  const name = env.ALLIANCE_RUNTIME ?? 'embedded';
  if (name !== 'embedded' && name !== 'fabric')
    throw new Error(`ALLIANCE_RUNTIME=${name}: use embedded or fabric`);
  return name;
}

/** True when the real-Fabric runtime can run here; otherwise says once, on stderr, that it is skipped. */
export function fabricRuntimeAvailable(suite: string): boolean {
  if (fabricBinariesPresent()) return true;
  process.stderr.write(
    `real-Fabric runtime skipped for ${suite}: Fabric binaries not found (FABRIC_BIN or PATH).\n${INSTALL_HINT}\n`,
  );
  return false;
}

/** Says on stderr that a test or suite does not run on the runtime in use, and why. */
function reportSkip(what: string, reason: string): void {
  process.stderr.write(`skipped on the ${testRuntime()} runtime: ${what}: ${reason}\n`);
}

/**
 * `it` where the runtime in use shows a behaviour, `it.skip` elsewhere; with a reason, a skip
 * is printed with it.
 */
export function itOn(runtimes: readonly TestRuntime[], reason?: string): jest.It {
  if (runtimes.includes(testRuntime())) return it;
  if (reason === undefined) return it.skip;
  const skip = ((name: string, ...rest: unknown[]) => {
    reportSkip(name, reason);
    (it.skip as (n: string, ...r: unknown[]) => void)(name, ...rest);
  }) as jest.It;
  return Object.assign(skip, it.skip);
}

/**
 * `describe` for a suite that can run only on these runtimes (it reads the embedded nodes'
 * internals, say); elsewhere the suite is skipped, its hooks do not run, and the reason is printed.
 */
export function describeOn(runtimes: readonly TestRuntime[], reason: string): jest.Describe {
  if (runtimes.includes(testRuntime())) return describe;
  const skip = ((name: string, fn: () => void) => {
    reportSkip(name, reason);
    describe.skip(name, fn);
  }) as jest.Describe;
  return Object.assign(skip, describe.skip);
}

/**
 * Starts a network of `def` serving `chaincodeDir` on `runtime`, in a fresh temp state
 * directory. The result is the same TestNetwork either way, so a suite's cases do not change.
 */
export async function startRuntimeNetwork(
  def: NetworkDefinition,
  chaincodeDir = TEST_CHAINCODE_DIR,
  runtime: TestRuntime = testRuntime(),
): Promise<TestNetwork> {
  if (runtime === 'embedded') return startTestNetwork(def, chaincodeDir);
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-fabric-'));
  const cleanup = (): void => {
    // ALLIANCE_KEEP_STATE=1 keeps the state directory (logs, ledgers) for diagnosis.
    if (!process.env.ALLIANCE_KEEP_STATE) rmSync(stateDir, { recursive: true, force: true });
  };
  const network = await startFabricNetwork({ definition: def, stateDir, chaincodeDir }).catch(
    (err: unknown) => {
      cleanup();
      throw err;
    },
  );
  return testNetworkOver(network, def, stateDir);
}

/** The peer of an org `addOrg` added to a running test network, on its way into the channel. */
export interface AddedOrgPeer {
  /**
   * Resolves once the peer has joined (from block 0, fetched when a config update has made the
   * org a member) and, on real Fabric, its org has installed and approved the chaincodes in force.
   */
  readonly joined: Promise<void>;
  /** Stops waiting, or stops the peer. */
  stop(): Promise<void>;
}

/**
 * Starts the peer of an added org as the network's runtime does it: on the embedded network a
 * joining peer in this process, on real Fabric a `peer` process brought in by joinAddedOrg (whose
 * peer the network's stop also stops).
 */
export function startAddedOrgPeerOn(net: TestNetwork, org: string, runtime = testRuntime()): AddedOrgPeer {
  if (runtime === 'embedded') {
    const peer = startJoiningPeer({ stateDir: net.stateDir, org, retryMs: 200 });
    return { joined: peer.joined.then(() => undefined), stop: () => peer.stop() };
  }
  const aborted = new AbortController();
  const joined = startAddedOrgPeer(net.stateDir, org).then(() =>
    joinAddedOrg({ stateDir: net.stateDir, org, retryMs: 500, timeoutMs: 180_000, signal: aborted.signal }),
  );
  return {
    joined,
    stop: async () => {
      aborted.abort();
      await joined.catch(() => undefined);
    },
  };
}
