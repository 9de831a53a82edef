import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import type { StateLayout } from './layout';
import { freePort } from './ports';
import { isAlive, stopPidFile, writePid } from './processes';
import { CHAINCODE_PID_PREFIX } from './owned';

/** A running chaincode-as-a-service server. */
export interface ChaincodeServer {
  readonly name: string;
  readonly version: string;
  /** `<name>_<version>:<hash>`, the id the server registers with, like a CCaaS package id. */
  readonly packageId: string;
  readonly address: string;
  /** The chaincode directory it serves. */
  readonly path: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The chaincode server did not come up. */
export class ChaincodeStartError extends Error {
  readonly code = 'CHAINCODE_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ChaincodeStartError';
  }
}

const READY_TIMEOUT_MS = 20_000;

/**
 * Starts `fabric-chaincode-node server` in the chaincode directory, exactly as a CCaaS
 * chaincode runs next to real Fabric, and waits until it accepts connections.
 * @param detached keep the server running after this process exits (for `up --detached`)
 */
export async function startChaincodeServer(opts: {
  dir: string;
  name: string;
  version: string;
  layout: StateLayout;
  detached: boolean;
  /** The id of an installed package (real Fabric's CCaaS package id); a content hash otherwise. */
  packageId?: string;
  /** A fixed port (the one a CCaaS package's connection.json names); a free one otherwise. */
  port?: number;
}): Promise<ChaincodeServer> {
  const dir = resolve(opts.dir);
  if (!existsSync(join(dir, 'package.json')))
    throw new ChaincodeStartError(`${dir} has no package.json; a Node chaincode directory is needed`);
  const packageId =
    opts.packageId ?? `${opts.name}_${opts.version}:${packageHash(dir, opts.name, opts.version)}`;
  const port = opts.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  mkdirSync(opts.layout.logDir, { recursive: true });
  const logFile = opts.layout.logFile(`chaincode-${opts.name}`);
  const out = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [shimCli(dir), 'server', '--chaincode-address', address, '--chaincode-id', packageId],
    {
      cwd: dir,
      stdio: ['ignore', out, out],
      detached: opts.detached,
      env: {
        ...process.env,
        CORE_CHAINCODE_LOGGING_LEVEL: process.env.CORE_CHAINCODE_LOGGING_LEVEL ?? 'warn',
      },
    },
  );
  closeSync(out);
  if (opts.detached) child.unref();
  const pid = child.pid ?? 0;
  const pidFile = opts.layout.pidFile(chaincodePidName(opts.name, opts.version));
  writePid(pidFile, pid);
  const stop = async (): Promise<void> => {
    await stopPidFile(pidFile, 3000);
  };
  try {
    await waitListening(port, pid, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name: opts.name, version: opts.version, packageId, address, path: dir, pid, stop };
}

/** The pid-file name of a chaincode server: one per chaincode name and version. */
export function chaincodePidName(name: string, version: string): string {
  return `${CHAINCODE_PID_PREFIX}${name}-${version.replace(/[^\w.-]/g, '_')}`;
}

/** The shim CLI as the chaincode directory resolves it (its own fabric-shim first). */
function shimCli(dir: string): string {
  try {
    return require.resolve('fabric-shim/cli.js', { paths: [dir] });
  } catch {
    throw new ChaincodeStartError(`fabric-shim is not installed for ${dir}; run npm install there`);
  }
}

/** A content hash of the package: its package.json and main file, plus name and version. */
function packageHash(dir: string, name: string, version: string): string {
  const hash = createHash('sha256').update(`${name}\0${version}\0`);
  const manifest = readFileSync(join(dir, 'package.json'));
  hash.update(manifest);
  const main = (JSON.parse(manifest.toString('utf8')) as { main?: string }).main;
  if (main && existsSync(join(dir, main))) hash.update(readFileSync(join(dir, main)));
  return hash.digest('hex');
}

async function waitListening(port: number, pid: number, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(pid))
      throw new ChaincodeStartError(
        `the chaincode server exited during start; see ${logFile}:\n${tail(logFile)}`,
      );
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new ChaincodeStartError(
    `the chaincode server did not listen within ${READY_TIMEOUT_MS} ms; see ${logFile}`,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => {
      resolvePromise(false);
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
