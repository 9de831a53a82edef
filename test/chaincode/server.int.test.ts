/**
 * The chaincode starts as a chaincode-as-a-service server from its npm script and listens on
 * the address it is given (loopback, a free port); the process is stopped afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const chaincodeDir = join(root, 'chaincode');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        done(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

async function waitUntilListening(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await accepts(port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('chaincode-as-a-service', () => {
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    if (!existsSync(join(chaincodeDir, 'dist/index.js')))
      execFileSync('npx', ['tsc', '-b', 'chaincode'], { cwd: root });
  });

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      // npm runs the server in a shell: stop the whole process group.
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  it('`npm run server` listens on CHAINCODE_SERVER_ADDRESS', async () => {
    const port = await freePort();
    child = spawn('npm', ['run', 'server'], {
      cwd: chaincodeDir,
      detached: true,
      env: {
        ...process.env,
        CHAINCODE_SERVER_ADDRESS: `127.0.0.1:${port}`,
        CHAINCODE_ID: 'provenance:0123abcd',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const listening = await waitUntilListening(port, child, 60_000);
    if (!listening) throw new Error(`the server did not listen on ${port}:\n${output}`);
    expect(listening).toBe(true);
  }, 90_000);
});
