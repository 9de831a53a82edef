// The real-Fabric runtime end to end: the same definition, crypto material and profile as the
// embedded network, on real peer/orderer binaries, with the project's chaincode as a service
// and the unmodified gateway library; an org added later through the network command's add-org.
// Skipped, with a notice, where the binaries are absent.
import { connectAllianceClient, isChaincodeError, type AllianceClient } from '@alliance/gateway';
import {
  computeConfigUpdate,
  fetchChannelConfig,
  newUpdateEnvelope,
  readOrgFile,
  signUpdate,
  submitConfigUpdate,
  withOrgAdded,
} from '@alliance/gateway/admin';
import { loadProfileIdentity } from '@alliance/gateway/connect/identity';
import { loadProfile } from '@alliance/gateway/connect/profile';
import { addOrgCommand } from '@alliance/network/cli/add-org';
import { status } from '@alliance/network/cli/status';
import {
  deployFabricChaincode,
  discoverPeers,
  runningFabricPids,
  waitingOrgs,
} from '@alliance/network/fabric';
import { orgDefinitionDir, stateLayout } from '@alliance/network/runtime';
import { isAlive, livePid } from '@alliance/network/runtime/processes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLIANCE_CHAINCODE_DIR as CHAINCODE_DIR, FOUNDERS } from '../gateway/support/alliance-network';
import { testDefinition, type TestNetwork } from './harness/network';
import { fabricRuntimeAvailable, startRuntimeNetwork } from './support/runtime';

jest.setTimeout(300_000);

const FOUNDING = { members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })) };

/** What `run` wrote to stdout. */
async function captured(run: () => Promise<void>): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return out;
}

const describeFabric = fabricRuntimeAvailable('fabric-runtime.int.test.ts') ? describe : describe.skip;

describeFabric('the real-Fabric runtime (peer and orderer binaries, chaincode as a service)', () => {
  let net: TestNetwork;
  let pids: number[] = [];
  const clients: AllianceClient[] = [];
  const as = (identity: string): AllianceClient => {
    const client = connectAllianceClient({ profile: net.network.profilePath, identity });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    net = await startRuntimeNetwork(
      testDefinition({ orgs: 3, chaincode: 'provenance' }),
      CHAINCODE_DIR,
      'fabric',
    );
    pids = runningFabricPids(stateLayout(net.stateDir));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    // beforeAll may have failed before the network existed.
    await (net as TestNetwork | undefined)?.stop();
  });

  it('runs one orderer and one peer per org and writes a fabric profile', () => {
    expect(net.profile.runtime).toBe('fabric');
    expect(pids).toHaveLength(4);
    expect(Object.keys(net.profile.orgs)).toEqual(['platform', 'brand', 'supplier']);
  });

  it('submits through the unmodified gateway library and evaluates on another org peer', async () => {
    const boot = await as('platform/Admin').members.bootstrap(FOUNDING);
    expect(boot.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(boot.blockNumber).toBeGreaterThan(0n);
    const members = await as('supplier/User1').members.list();
    expect(members.map((m) => m.mspId).sort()).toEqual(['BrandMSP', 'PlatformMSP', 'SupplierMSP']);
  });

  it('returns the chaincode refusal with its code through the real peer gateway', async () => {
    const err = await as('platform/Admin')
      .members.bootstrap(FOUNDING)
      .catch((e: unknown) => e);
    expect(isChaincodeError(err)).toBe(true);
  });

  it('upgrades the chaincode to the next version and sequence with state kept', async () => {
    const upgraded = await deployFabricChaincode({
      stateDir: net.stateDir,
      name: 'provenance',
      path: CHAINCODE_DIR,
    });
    expect(upgraded).toEqual({ sequence: 2, version: 'v2' });
    const members = await as('brand/User1').members.list();
    expect(members).toHaveLength(3);
  });

  it('adds an org later: its peer joins after the config update, installs and approves, then endorses', async () => {
    const printed = await captured(() =>
      addOrgCommand('importer', { stateDir: net.stateDir, roles: 'IMPORTER' }),
    );
    expect(printed).toMatch(/peer process started \(pid \d+\), healthy/);
    const state = stateLayout(net.stateDir);
    const peerPid = livePid(state.pidFile('fabric-peer-importer'));
    expect(peerPid).toBeDefined();
    pids.push(peerPid ?? 0);
    expect(waitingOrgs(state)).toEqual(['importer']);
    expect(await captured(() => status({ stateDir: net.stateDir }))).toMatch(
      /processes running: 5 of 5[\s\S]*org importer: its peer waits[\s\S]*peer importer: 127\.0\.0\.1:\d+ \(ImporterMSP/,
    );

    // An upgrade while the org waits goes through the orgs in the channel; the org approves it on joining.
    expect(
      await deployFabricChaincode({ stateDir: net.stateDir, name: 'provenance', path: CHAINCODE_DIR }),
    ).toEqual({
      sequence: 3,
      version: 'v3',
    });

    // Three member orgs: MAJORITY Admins needs two signatures.
    const platformAdmin = as('platform/Admin').connection;
    const { config } = await fetchChannelConfig(platformAdmin);
    const group = readOrgFile(join(orgDefinitionDir(net.stateDir, 'importer'), 'org-group.pb'));
    const update = computeConfigUpdate(config, withOrgAdded(config, group), platformAdmin.channel);
    const profile = loadProfile(net.network.profilePath);
    await submitConfigUpdate(
      platformAdmin,
      signUpdate(newUpdateEnvelope(update), loadProfileIdentity(profile, 'brand/Admin')),
    );

    // The joiner exits once the org's peer is in discovery with the chaincode in force (v3, sequence 3).
    for (let waited = 0; waitingOrgs(state).length > 0; waited += 500) {
      if (waited > 180_000) throw new Error('the importer did not join within 180 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const log = readFileSync(state.logFile('join-importer'), 'utf8');
    expect(log).toMatch(/ImporterMSP installed and approved provenance v3 \(sequence 3\)/);
    expect(log).toMatch(/peer of importer endorses provenance/);
    const seen = await discoverPeers(net.profile, 'brand');
    expect(seen.ImporterMSP).toContainEqual({ name: 'provenance', version: '3' });
  });

  it('stops every process it started', async () => {
    for (const c of clients.splice(0)) c.close();
    await net.network.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(runningFabricPids(stateLayout(net.stateDir))).toEqual([]);
  });
});
