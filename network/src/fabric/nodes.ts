import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import type { StateLayout } from '../runtime/layout';
import { isAlive, writePid } from '../runtime/processes';

/** Pid-file prefix of the Fabric nodes this runtime starts (orderer and peers). */
export const FABRIC_PID_PREFIX = 'fabric-';

/** A Fabric node (orderer or peer) did not come up. */
export class FabricNodeStartError extends Error {
  readonly code = 'FABRIC_NODE_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'FabricNodeStartError';
  }
}

/** How to start one node. */
export interface NodeLaunch {
  /** Pid and log name: `fabric-orderer`, `fabric-peer-<org>`. */
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  /** FABRIC_CFG_PATH and overrides. */
  readonly env: Readonly<Record<string, string>>;
  /** The operations listener, whose /healthz says the node is up. */
  readonly operationsPort: number;
  /**
   * The node's service port: a peer opens its operations listener before its chaincode and
   * client listeners, so it is up only once this one accepts connections too.
   */
  readonly listenPort?: number;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Starts a node as a background process that outlives the caller (pid file in `run/`, output in
 * `logs/<name>.log`), then waits until its operations endpoint answers /healthz with 200 and its
 * service port accepts connections.
 */
export async function launchNode(layout: StateLayout, launch: NodeLaunch): Promise<number> {
  mkdirSync(layout.logDir, { recursive: true });
  const logFile = layout.logFile(launch.name);
  const out = openSync(logFile, 'a');
  const child = spawn(launch.program, [...launch.args], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...launch.env },
  });
  closeSync(out);
  child.unref();
  const pid = child.pid ?? 0;
  writePid(layout.pidFile(launch.name), pid);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(pid))
      throw new FabricNodeStartError(`${launch.name} exited during start; see ${logFile}:\n${tail(logFile)}`);
    if (
      (await healthStatus(launch.operationsPort)) === 200 &&
      (launch.listenPort === undefined || (await accepts(launch.listenPort)))
    )
      return pid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new FabricNodeStartError(
    `${launch.name} was not healthy within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`,
  );
}

/** The HTTP status of GET /healthz on an operations port (0 when nothing answers). */
export function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', () => {
      resolve(0);
    });
    request.on('timeout', () => {
      request.destroy();
    });
  });
}

/** True when something accepts TCP connections on the loopback port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
