import { compiledEntryPoint } from './entry-point';
import { stateLayout, type StateLayout } from './layout';
import { livePid, pidFilesWithPrefix, spawnBackground, stopPidFile } from './processes';

/** Pid-file prefix of added orgs' peer processes. */
export const PEER_PID_PREFIX = 'peer-';

/**
 * Starts an added org's peer in its own background process (`runtime/peer-host.js`), recorded
 * in `run/peer-<org>.pid` and logging to `logs/peer-<org>.log`; `down` stops it with the rest.
 * Returns the pid.
 */
export function startPeerProcess(stateDir: string, org: string): number {
  const layout = stateLayout(stateDir);
  const name = `${PEER_PID_PREFIX}${org}`;
  const running = livePid(layout.pidFile(name));
  if (running !== undefined) return running;
  return spawnBackground(layout, name, [
    compiledEntryPoint('peer-host'),
    '--state-dir',
    layout.root,
    '--org',
    org,
  ]);
}

/** Stops every added org's peer process recorded in the state directory; true if one ran. */
export async function stopPeerProcesses(layout: StateLayout): Promise<boolean> {
  const files = pidFilesWithPrefix(layout, PEER_PID_PREFIX);
  const stopped = await Promise.all(files.map((f) => stopPidFile(f, 5000)));
  return stopped.some(Boolean);
}
