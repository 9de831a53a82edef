import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stateLayout, type StateLayout } from './layout';
import { isAlive, livePid, stopPidFile, writePid } from './processes';
import { stopOwnedProcesses } from './owned';
import { stopPeerProcesses } from './peer-process';
import { compiledEntryPoint } from './entry-point';
import type { RunningNetwork, StartOptions } from './network';

/** The name of the background network process's pid file. */
export const HOST_PID = 'network';
const READY_TIMEOUT_MS = 60_000;

/** The network is already running from this state directory. */
export class NetworkRunningError extends Error {
  readonly code = 'NETWORK_RUNNING';
  constructor(
    readonly pid: number,
    stateDir: string,
  ) {
    super(`a network is already running from ${stateDir} (pid ${pid}); stop it with scripts/network.sh down`);
    this.name = 'NetworkRunningError';
  }
}

/**
 * Starts the nodes in a background process (`runtime/host.js`) that outlives the caller,
 * and waits until it has written the connection profile (the sign of a callable network).
 */
export async function startDetachedHost(opts: StartOptions): Promise<RunningNetwork> {
  const layout = stateLayout(opts.stateDir);
  const running = livePid(layout.pidFile(HOST_PID));
  if (running !== undefined) throw new NetworkRunningError(running, opts.stateDir);
  mkdirSync(layout.logDir, { recursive: true });
  writeFileSync(layout.definition, JSON.stringify(opts.definition, null, 2));
  rmSync(layout.profile, { force: true });
  const logFile = layout.logFile(HOST_PID);
  const out = openSync(logFile, 'a');
  const args = [
    compiledEntryPoint('host'),
    '--state-dir',
    layout.root,
    ...(opts.chaincodeDir ? ['--chaincode-dir', opts.chaincodeDir] : []),
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const pid = child.pid ?? 0;
  writePid(layout.pidFile(HOST_PID), pid);
  await waitReady(layout, pid, logFile);
  return {
    definition: opts.definition,
    profilePath: layout.profile,
    stop: async () => {
      await stopNetwork(opts.stateDir);
    },
  };
}

/** True when the background network process of `stateDir` runs. */
export function networkRunning(stateDir: string): boolean {
  return livePid(stateLayout(stateDir).pidFile(HOST_PID)) !== undefined;
}

/** Stops a network started from `stateDir` (by its pid files only); true if something ran. */
export async function stopNetwork(stateDir: string): Promise<boolean> {
  const layout = stateLayout(stateDir);
  const peers = await stopPeerProcesses(layout);
  const host = await stopPidFile(layout.pidFile(HOST_PID), 10_000);
  const others = await stopOwnedProcesses(layout);
  return host || others || peers;
}

async function waitReady(layout: StateLayout, pid: number, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (existsSync(layout.profile)) return;
    if (!isAlive(pid)) {
      rmSync(layout.pidFile(HOST_PID), { force: true });
      throw new Error(`the network process exited during start:\n${lastLines(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the network did not become ready within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
