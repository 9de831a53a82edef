import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { ConnectionProfile } from '@alliance/network/profile';
import { connectProfileGateway } from '@alliance/network/runtime';
import { testRuntime } from './support/runtime';
import { ASSET_CHAINCODE_DIR, TEST_CHAINCODE_DIR, testDefinition } from './harness/definition';

jest.setTimeout(180_000);

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'network.sh');

// Runs on the suites' runtime: the command takes it from ALLIANCE_RUNTIME, as a user's shell would.
describe('scripts/network.sh, as a user runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-cli-'));
  const stateDir = join(dir, 'state');
  const definitionFile = join(dir, 'network.yaml');
  const cli = (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run(SCRIPT, ['--state-dir', stateDir, '--definition', definitionFile, ...args]);

  beforeAll(() => {
    writeFileSync(definitionFile, stringify(testDefinition({ orgs: 2 })));
  });
  afterAll(async () => {
    await cli('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts detached, reports status, deploys with state kept, and stops only what it started', async () => {
    const up = await cli('up', '--detached', '--chaincode', TEST_CHAINCODE_DIR);
    expect(up.stdout).toMatch(/network ready in \d+ ms/);
    expect(up.stdout).toMatch(/chaincode testcc: version 1.0, sequence 1/);
    const profile = JSON.parse(readFileSync(join(stateDir, 'network.json'), 'utf8')) as ConnectionProfile;

    const before = connectProfileGateway(profile, 'platform', 'User1');
    await before.gateway
      .getNetwork(profile.channel)
      .getContract('testcc')
      .submitTransaction('put', 'kept', 'yes');
    before.close();

    const deployed = await cli('deploy', TEST_CHAINCODE_DIR, 'testcc', '--version', '2.0');
    expect(deployed.stdout).toMatch(/deployed testcc version 2.0 \(sequence 2\)/);
    expect((await cli('deploy', ASSET_CHAINCODE_DIR, 'assets')).stdout).toMatch(
      /deployed assets version v1 \(sequence 1\)/,
    );

    const after = connectProfileGateway(profile, 'brand', 'User1');
    try {
      const channel = after.gateway.getNetwork(profile.channel);
      expect(
        Buffer.from(await channel.getContract('testcc').evaluateTransaction('get', 'kept')).toString(),
      ).toBe('yes');
      await channel.getContract('assets').submitTransaction('CreateAsset', 'a1', 'blue', '5', 'me', '10');
    } finally {
      after.close();
    }

    const status = await cli('status');
    expect(status.stdout).toMatch(
      testRuntime() === 'embedded'
        ? /background network process: pid \d+/
        : /runtime: fabric; peer and orderer processes running: 3 of 3/,
    );
    expect(status.stdout).toMatch(/chaincode testcc: version 2.0, sequence 2/);

    expect((await cli('down')).stdout).toMatch(/network stopped/);
    expect(existsSync(join(stateDir, 'run', 'network.pid'))).toBe(false);
    await expect(cli('status')).rejects.toMatchObject({ code: 1 });
    expect((await cli('down')).stdout).toMatch(/no network was running/);
  });

  it('refuses a taken port with a clear error', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const def = testDefinition({ orgs: 2 });
    writeFileSync(definitionFile, stringify({ ...def, orderer: { ...def.orderer, port } }));
    try {
      const err = (await cli('up', '--detached', '--no-chaincode').catch((e: unknown) => e)) as {
        stderr: string;
        code: number;
      };
      expect(err.code).toBe(1);
      expect(err.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
