// The real-Fabric runtime end to end: the same definition, crypto material and profile as the
// embedded network, on real peer/orderer binaries, with the project's chaincode as a service
// and the unmodified gateway library. Skipped, with a notice, where the binaries are absent.
import { connectAllianceClient, isChaincodeError, type AllianceClient } from '@alliance/gateway';
import { deployFabricChaincode, runningFabricPids } from '@alliance/network/fabric';
import { stateLayout } from '@alliance/network/runtime';
import { isAlive } from '@alliance/network/runtime/processes';
import { ALLIANCE_CHAINCODE_DIR as CHAINCODE_DIR, FOUNDERS } from '../gateway/support/alliance-network';
import { testDefinition, type TestNetwork } from './harness/network';
import { fabricRuntimeAvailable, startRuntimeNetwork } from './support/runtime';

jest.setTimeout(300_000);

const FOUNDING = { members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })) };

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

  it('stops every process it started', async () => {
    for (const c of clients.splice(0)) c.close();
    await net.network.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(runningFabricPids(stateLayout(net.stateDir))).toEqual([]);
  });
});
