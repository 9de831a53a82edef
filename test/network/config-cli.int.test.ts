import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { ConnectionProfile } from '@alliance/network/profile';
import { common, peer } from '@alliance/network/protos';
import { connectProfileGateway, type ProfileGateway } from '@alliance/network/runtime';
import { TEST_CHAINCODE_DIR, testDefinition } from './harness/definition';
import { describeOn } from './support/runtime';
import {
  applicationOf,
  computeConfigUpdate,
  configUpdateTransaction,
  editConfig,
  signConfigUpdate,
} from './support/config-update';
import { broadcastTo, configThrough, eventually, profileSigner } from './support/config-network';

jest.setTimeout(240_000);

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'network.sh');

describeOn(
  ['embedded'],
  "the embedded runtime's joining peer; test/network/fabric-runtime.int.test.ts runs add-org through the same command on real Fabric",
)('scripts/network.sh add-org on a running network', () => {
  // Made in beforeAll: a suite skipped on this runtime still runs its body, but not its hooks.
  let dir = '';
  let stateDir = '';
  let definitionFile = '';
  const connections: ProfileGateway[] = [];
  const cli = (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run(SCRIPT, ['--state-dir', stateDir, '--definition', definitionFile, ...args]);
  const profile = (): ConnectionProfile =>
    JSON.parse(readFileSync(join(stateDir, 'network.json'), 'utf8')) as ConnectionProfile;
  const connect = (org: string, user = 'User1'): ProfileGateway => {
    const connection = connectProfileGateway(profile(), org, user);
    connections.push(connection);
    return connection;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'alliance-add-org-'));
    stateDir = join(dir, 'state');
    definitionFile = join(dir, 'network.yaml');
    writeFileSync(definitionFile, stringify(testDefinition({ orgs: 2 })));
  });
  afterAll(async () => {
    for (const c of connections) c.close();
    await cli('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to add an org when no network was ever started', async () => {
    await expect(cli('add-org', 'importer')).rejects.toMatchObject({
      stderr: expect.stringMatching(/NO_NETWORK/) as unknown,
    });
  });

  it('prepares the org and starts its peer, which joins once the admins add it, and survives a restart', async () => {
    await cli('up', '--detached', '--chaincode', TEST_CHAINCODE_DIR);
    const added = await cli('add-org', 'importer', '--roles', 'IMPORTER,SUPPLIER');
    expect(added.stdout).toMatch(
      /org importer \(ImporterMSP\) prepared; peer peer0\.importer\.alliance\.test on port \d+/,
    );
    expect(added.stdout).toMatch(/peer process started \(pid \d+\)/);
    const orgJson = JSON.parse(readFileSync(join(stateDir, 'orgs', 'importer', 'org.json'), 'utf8')) as {
      configGroupFile: string;
      roles: string[];
    };
    expect(orgJson.roles).toEqual(['IMPORTER', 'SUPPLIER']);
    expect(existsSync(join(stateDir, 'run', 'peer-importer.pid'))).toBe(true);
    await expect(cli('add-org', 'importer')).rejects.toMatchObject({
      stderr: expect.stringMatching(/ORG_EXISTS/) as unknown,
    });

    const channel = profile().channel;
    const { config } = await configThrough(connect('platform', 'Admin'), channel);
    const group = common.ConfigGroup.deserializeBinary(readFileSync(orgJson.configGroupFile));
    const update = computeConfigUpdate(
      channel,
      config,
      editConfig(config, (root) => applicationOf(root).getGroupsMap().set('importer', group)),
    ).serializeBinary();
    const signers = ['platform', 'brand'].map((org) => profileSigner(profile(), org));
    const response = await broadcastTo(
      profile(),
      configUpdateTransaction(channel, signConfigUpdate(update, signers), signers[0]!),
    );
    expect(response.getStatus()).toBe(common.Status.SUCCESS);

    const submitAsImporter = async (key: string): Promise<number> => {
      const contract = connect('importer').gateway.getNetwork(channel).getContract('testcc');
      const proposal = contract.newProposal('put', {
        arguments: [key, 'x'],
        endorsingOrganizations: ['ImporterMSP', 'PlatformMSP'],
      });
      return (await (await (await proposal.endorse()).submit()).getStatus()).code;
    };
    let code: number | undefined;
    await eventually(async () => {
      code = await submitAsImporter('via-script').catch(() => undefined);
      return code !== undefined;
    }, 60_000);
    expect(code).toBe(peer.TxValidationCode.VALID);

    expect((await cli('down')).stdout).toMatch(/network stopped/);
    expect(existsSync(join(stateDir, 'run', 'peer-importer.pid'))).toBe(false);
    await cli('up', '--detached', '--chaincode', TEST_CHAINCODE_DIR);
    expect(Object.keys(profile().orgs)).toContain('importer');
    await eventually(
      async () =>
        (await submitAsImporter('after-restart').catch(() => undefined)) === peer.TxValidationCode.VALID,
      60_000,
    );
  });
});
