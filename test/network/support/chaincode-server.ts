import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

/** A running chaincode-as-a-service process. */
export interface ChaincodeServer {
  address: string;
  chaincodeId: string;
  /** Output the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'test-chaincode');

/** A free loopback port (bound on port 0, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`chaincode server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('chaincode server did not start listening in time');
}

/**
 * Starts the test chaincode as `fabric-chaincode-node server` from its own folder (the same
 * program `npx fabric-chaincode-node` runs), on a free loopback port.
 */
export async function startTestChaincode(chaincodeId = 'testcc:1.0'): Promise<ChaincodeServer> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const cli = require.resolve('fabric-shim/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'server', '--chaincode-address', address, '--chaincode-id', chaincodeId],
    {
      cwd: FIXTURE_DIR,
      env: { ...process.env, CORE_PEER_LOCALMSPID: 'Org1MSP' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForPort(port, child, Date.now() + 15_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { address, chaincodeId, output: () => output, stop };
}
