import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { compiledEntryPoint } from './entry-point';
import { join } from 'node:path';
import { stateLayout, type StateLayout } from './layout';
import { livePid, stopPidFile, writePid } from './processes';

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
  mkdirSync(layout.logDir, { recursive: true });
  const out = openSync(layout.logFile(name), 'a');
  const child = spawn(
    process.execPath,
    [compiledEntryPoint('peer-host'), '--state-dir', layout.root, '--org', org],
    {
      detached: true,
      stdio: ['ignore', out, out],
    },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid ?? 0;
  writePid(layout.pidFile(name), pid);
  return pid;
}

/** Stops every added org's peer process recorded in the state directory; true if one ran. */
export async function stopPeerProcesses(layout: StateLayout): Promise<boolean> {
  let files: string[];
  try {
    files = readdirSync(layout.runDir).filter((f) => f.startsWith(PEER_PID_PREFIX) && f.endsWith('.pid'));
  } catch {
    return false;
  }
  const stopped = await Promise.all(files.map((f) => stopPidFile(join(layout.runDir, f), 5000)));
  return stopped.some(Boolean);
}
