import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCryptoMaterial, type CryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import { writeProfile } from '../profile/file';
import type { ConnectionProfile } from '../profile/types';
import { HOST_PID, NetworkRunningError } from '../runtime/detached';
import { stateLayout, type StateLayout } from '../runtime/layout';
import type { RunningNetwork } from '../runtime/network';
import { livePid } from '../runtime/processes';
import { buildProfile } from '../runtime/profile-build';
import { addedOrgs } from '../runtime/added-orgs';
import { findFabricBinaries, type FabricBinaries } from './binaries';
import { deployVersion, listDeployed, serve } from './chaincode';
import { partitionAddedOrgs } from './added-org';
import { ensureChannelBlock, joinOrderer, joinPeers } from './channel';
import { orgClis, withOrgs, type FabricContext } from './context';
import { waitForDiscovery } from './discovery';
import { fabricLayout, type FabricLayout } from './layout';
import { queryCommitted } from './lifecycle';
import { spawnOrgJoiner } from './joiner-process';
import { FABRIC_PID_PREFIX, launchNode } from './nodes';
import { ordererYaml } from './orderer-yaml';
import { launchPeer, nodeEnv, writePeerConfig } from './peer-node';
import { assertPortsFree } from '../runtime/ports';
import { allPorts, resolveFabricPorts, type FabricPorts } from './ports';
import { runningFabricPids, stopFabricNetwork } from './stop';

/** How to start the real-Fabric network. */
export interface FabricStartOptions {
  readonly definition: NetworkDefinition;
  /** The same state directory as the embedded runtime (`.alliance/`); Fabric's files go under `fabric/`. */
  readonly stateDir: string;
  /** A Node chaincode directory to deploy as `definition.chaincode` (skipped when already deployed). */
  readonly chaincodeDir?: string;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/**
 * Starts the network of a definition on real Fabric 2.5 binaries as background processes on
 * 127.0.0.1 (no Docker): the same crypto material and connection profile as the embedded
 * runtime, an etcdraft orderer joined through channel participation, one peer per org joined
 * to the channel, the chaincode as a service. Later starts reuse the kept ledgers and serve
 * the deployed chaincodes again. The profile is written last: a profile on disk means every
 * peer is callable and discovery lists each with the chaincode.
 */
export async function startFabricNetwork(opts: FabricStartOptions): Promise<RunningNetwork> {
  const bins = findFabricBinaries();
  const def = opts.definition;
  const state = stateLayout(opts.stateDir);
  refuseIfRunning(state, opts.stateDir);
  const fabric = fabricLayout(opts.stateDir);
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const step = (what: string): void => {
    log(`${what} (+${Date.now() - started} ms)`);
  };
  mkdirSync(state.root, { recursive: true });
  // Orgs added by add-org come back with their peers; they joined through the orderer, and the
  // channel block (made once, from the founding orgs) never names them.
  const added = addedOrgs(state.root).filter((org) => !def.orgs.some((o) => o.name === org.name));
  const fullDef: NetworkDefinition = { ...def, orgs: [...def.orgs, ...added] };
  writeFileSync(state.definition, JSON.stringify(fullDef, null, 2));
  // A profile on disk means a callable network: drop the last run's until this one is ready.
  rmSync(state.profile, { force: true });
  const running: RunningNetwork = {
    definition: def,
    profilePath: state.profile,
    stop: async () => {
      await stopFabricNetwork(opts.stateDir);
    },
  };
  try {
    const [crypto, ports] = await Promise.all([
      generateCryptoMaterial(fullDef, state.root),
      resolveFabricPorts(fullDef, fabric.portsFile),
    ]);
    await assertPortsFree(allPorts(ports));
    writeNodeConfigs(fullDef, crypto, ports, fabric);
    await ensureChannelBlock(bins, fabric, def, crypto, ports);
    step('configuration and channel block ready');
    await startNodes(bins, fullDef, ports, state, fabric);
    step('orderer and peers up');
    const profile: ConnectionProfile = {
      ...buildProfile(fullDef, crypto, {
        orderer: ports.orderer.listen,
        peers: Object.fromEntries(Object.entries(ports.peers).map(([org, p]) => [org, p.listen])),
      }),
      runtime: 'fabric',
    };
    await joinOrderer(bins, fabric, crypto, ports, def.channel);
    await joinPeers(bins, fabric, def, profile);
    step(`orderer and peers joined to ${def.channel}`);
    const { joined, waiting } = await partitionAddedOrgs(bins, fabric, profile, def.channel, added);
    // Chaincodes are served and awaited on the orgs in the channel; a waiting org approves when it joins.
    const ctx = withOrgs({ bins, def, state, fabric, profile }, [...def.orgs, ...joined]);
    await serveChaincodes(ctx, opts.chaincodeDir, step);
    writeProfile(state.profile, profile);
    for (const org of waiting) spawnOrgJoiner(state, org.name);
    return running;
  } catch (err) {
    await running.stop();
    throw err;
  }
}

/** A background network from this state directory, embedded or Fabric, must be stopped first. */
function refuseIfRunning(state: StateLayout, stateDir: string): void {
  const host = livePid(state.pidFile(HOST_PID));
  const pid = host ?? runningFabricPids(state)[0];
  if (pid !== undefined) throw new NetworkRunningError(pid, stateDir);
}

function writeNodeConfigs(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  ports: FabricPorts,
  fabric: FabricLayout,
): void {
  const ordererDir = fabric.configDir(def.orderer.host);
  mkdirSync(ordererDir, { recursive: true });
  writeFileSync(
    join(ordererDir, 'orderer.yaml'),
    ordererYaml(def, crypto, ports, fabric.dataDir(def.orderer.host)),
  );
  for (const org of def.orgs) {
    const material = crypto.orgs[org.name];
    const peerPorts = ports.peers[org.name];
    if (!material || !peerPorts) throw new Error(`no crypto material or ports for org ${org.name}`);
    writePeerConfig(def, org, material, peerPorts, fabric);
  }
}

async function startNodes(
  bins: FabricBinaries,
  def: NetworkDefinition,
  ports: FabricPorts,
  state: StateLayout,
  fabric: FabricLayout,
): Promise<void> {
  const orderer = launchNode(state, {
    name: `${FABRIC_PID_PREFIX}orderer`,
    program: bins.orderer,
    args: [],
    env: nodeEnv(fabric, def.orderer.host),
    operationsPort: ports.orderer.operations,
    listenPort: ports.orderer.listen,
  });
  const peers = def.orgs.map((org) => {
    const peerPorts = ports.peers[org.name];
    if (!peerPorts) throw new Error(`no ports for org ${org.name}`);
    return launchPeer(bins, state, fabric, org, peerPorts);
  });
  await Promise.all([orderer, ...peers]);
}

/**
 * Serves every deployed chaincode again (kept ledgers keep their definitions), and deploys the
 * definition's chaincode when it is not deployed yet.
 */
async function serveChaincodes(
  ctx: FabricContext,
  chaincodeDir: string | undefined,
  step: (what: string) => void,
): Promise<void> {
  const deployed = listDeployed(ctx);
  await Promise.all(deployed.map((d) => serve(ctx, d)));
  for (const d of deployed) await waitForDiscovery(ctx.profile, d);
  if (deployed.length > 0) step(`chaincode servers of ${deployed.map((d) => d.name).join(', ')} running`);
  const main = ctx.def.chaincode;
  if (!chaincodeDir || deployed.some((d) => d.name === main.name)) return;
  const [first] = orgClis(ctx);
  if (!first) throw new Error('the network definition has no member org');
  const committed = await queryCommitted(first, ctx.def.channel, main.name);
  await deployVersion(ctx, {
    name: main.name,
    version: main.version,
    sequence: (committed?.sequence ?? 0) + 1,
    policy: ctx.def.endorsementPolicy,
    path: chaincodeDir,
  });
  step(`chaincode ${main.name} ${main.version} committed and discoverable`);
}
