import { compiledEntryPoint } from '../runtime/entry-point';
import type { StateLayout } from '../runtime/layout';
import { livePid, pidFilesWithPrefix, spawnBackground, stopPidFile } from '../runtime/processes';

/** Pid-file and log prefix of the background processes that bring added orgs' peers in. */
export const JOINER_PID_PREFIX = 'join-';

/**
 * Starts, in the background, the process that joins an added org's peer once the config update
 * lands and installs and approves the chaincodes for it (`fabric/org-joiner.js`); its output goes
 * to `logs/join-<org>.log`. Returns its pid (the running one's, if one runs).
 */
export function spawnOrgJoiner(state: StateLayout, org: string): number {
  const name = `${JOINER_PID_PREFIX}${org}`;
  const running = livePid(state.pidFile(name));
  if (running !== undefined) return running;
  return spawnBackground(state, name, [
    compiledEntryPoint('org-joiner', 'fabric'),
    '--state-dir',
    state.root,
    '--org',
    org,
  ]);
}

/** The orgs whose joiner process still runs (still waiting for their config update), by name. */
export function waitingOrgs(state: StateLayout): string[] {
  return joinerPidFiles(state)
    .filter((file) => livePid(file) !== undefined)
    .map((file) => file.slice(file.lastIndexOf(JOINER_PID_PREFIX) + JOINER_PID_PREFIX.length, -4));
}

/** Stops every joiner process of the state directory; true if one ran. */
export async function stopOrgJoiners(state: StateLayout): Promise<boolean> {
  const stopped = await Promise.all(joinerPidFiles(state).map((file) => stopPidFile(file, 5000)));
  return stopped.some(Boolean);
}

function joinerPidFiles(state: StateLayout): string[] {
  return pidFilesWithPrefix(state, JOINER_PID_PREFIX);
}
