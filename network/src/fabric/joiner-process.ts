import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compiledEntryPoint } from '../runtime/entry-point';
import type { StateLayout } from '../runtime/layout';
import { livePid, stopPidFile, writePid } from '../runtime/processes';

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
  mkdirSync(state.logDir, { recursive: true });
  const out = openSync(state.logFile(name), 'a');
  const child = spawn(
    process.execPath,
    [compiledEntryPoint('org-joiner', 'fabric'), '--state-dir', state.root, '--org', org],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid ?? 0;
  writePid(state.pidFile(name), pid);
  return pid;
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
  try {
    return readdirSync(state.runDir)
      .filter((f) => f.startsWith(JOINER_PID_PREFIX) && f.endsWith('.pid'))
      .map((f) => join(state.runDir, f));
  } catch {
    return [];
  }
}
