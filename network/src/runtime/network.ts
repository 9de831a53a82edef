import { mkdirSync, writeFileSync } from 'node:fs';
import { generateCryptoMaterial, type CryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import { writeProfile } from '../profile/file';
import type { ChaincodeServer } from './chaincode-server';
import { defineChaincode, installAndServe, packagesToServe } from './chaincodes';
import { addedOrgs } from './added-orgs';
import { startDetachedHost } from './detached';
import { startJoiningPeer, type JoiningPeer } from './joining-peer';
import { stateLayout, type StateLayout } from './layout';
import { stopOwnedProcesses } from './owned';
import { portOrFree } from './ports';
import { buildProfile } from './profile-build';
import { startNodes, type RunningNodes } from './nodes';
import type { NodePorts } from './profile-build';
import { PortInUseError } from '../grpc/server';

/** A started embedded network. */
export interface RunningNetwork {
  readonly definition: NetworkDefinition;
  /** The connection profile (`<stateDir>/network.json`). */
  readonly profilePath: string;
  /** Stops everything this call started. */
  stop(): Promise<void>;
}

/** How to start the embedded network. */
export interface StartOptions {
  readonly definition: NetworkDefinition;
  /** Where crypto material, ledgers, pid files, logs and the profile live (`.alliance/`). */
  readonly stateDir: string;
  /** A Node chaincode directory to serve and define as `definition.chaincode`. */
  readonly chaincodeDir?: string;
  /** Run the nodes in a background process that outlives the caller (pid file in `run/`). */
  readonly detached?: boolean;
  /** Where node logs go when running in this process (default: discarded). */
  readonly log?: (line: string) => void;
}

/**
 * Starts an orderer and one peer per org from a definition and a state directory: crypto
 * material and genesis block on first start, stored ledgers on later ones; serves the
 * chaincodes as a service and commits the definition's chaincode through `_lifecycle`; writes
 * the connection profile last, so a profile on disk means a callable network.
 */
export async function startEmbeddedNetwork(opts: StartOptions): Promise<RunningNetwork> {
  if (opts.detached) return startDetachedHost(opts);
  const def = opts.definition;
  const layout = stateLayout(opts.stateDir);
  mkdirSync(layout.root, { recursive: true });
  // Orgs added by add-org join through the orderer; the genesis block never includes them.
  const added = addedOrgs(layout.root).filter((org) => !def.orgs.some((o) => o.name === org.name));
  const fullDef = { ...def, orgs: [...def.orgs, ...added] };
  writeFileSync(layout.definition, JSON.stringify(fullDef, null, 2));
  // Chaincode servers left behind by a killed network process are ours (pid files): replace them.
  await stopOwnedProcesses(layout);
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const step = (what: string): void => {
    log(`${what} (+${Date.now() - started} ms)`);
  };
  const servers: ChaincodeServer[] = [];
  let nodes: RunningNodes | undefined;
  const joiners: JoiningPeer[] = [];
  try {
    const packages = packagesToServe(def, layout, opts.chaincodeDir);
    const [crypto] = await Promise.all([
      generateCryptoMaterial(fullDef, layout.root).then((material) => {
        step('crypto material ready');
        return material;
      }),
      ...packages.map(async (pkg) => {
        servers.push(await installAndServe(pkg, layout, false));
        step(`chaincode server ${pkg.name} listening`);
      }),
    ]);
    let ports: NodePorts;
    ({ nodes, ports } = await startNodesOnPorts(def, crypto, layout, log));
    step('orderer and peers started');
    const addedPorts = Object.fromEntries(added.map((org) => [org.name, org.peer.port]));
    const profile = buildProfile(fullDef, crypto, { ...ports, peers: { ...ports.peers, ...addedPorts } });
    const main = servers.find((s) => s.name === def.chaincode.name);
    if (main) {
      await defineChaincode(profile, adminOrg(def), {
        name: main.name,
        version: main.version,
        policy: def.endorsementPolicy,
      });
      step(`chaincode ${main.name} ${main.version} defined`);
    }
    writeProfile(layout.profile, profile);
    for (const org of added) joiners.push(startJoiningPeer({ stateDir: layout.root, org: org.name, log }));
  } catch (err) {
    await Promise.all(joiners.map((j) => j.stop()));
    await nodes?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    throw err;
  }
  const running = nodes;
  let stopped: Promise<void> | undefined;
  return {
    definition: def,
    profilePath: layout.profile,
    // Idempotent: a second stop waits for the first.
    stop: () =>
      (stopped ??= (async () => {
        await Promise.all(joiners.map((j) => j.stop()));
        await running.stop();
        await Promise.all(servers.map((s) => s.stop()));
        await stopOwnedProcesses(layout);
      })()),
  };
}

/** The org whose Admin commits chaincode definitions (the first, the platform by default). */
export function adminOrg(def: NetworkDefinition): string {
  const org = def.orgs[0];
  if (!org) throw new Error('the network definition has no member org');
  return org.name;
}

async function resolvePorts(def: NetworkDefinition): Promise<NodePorts> {
  const orderer = await portOrFree(def.orderer.port);
  const peers: Record<string, number> = {};
  for (const org of def.orgs) peers[org.name] = await portOrFree(org.peer.port);
  return { orderer, peers };
}

/**
 * Starts the nodes on the definition's ports. A port left to the OS (0) is probed free and bound
 * a moment later, and another process (a parallel test's network, an outgoing connection) may take
 * it in between: then the nodes start again on fresh ports. A port the definition fixes that is
 * taken stays a clear error.
 */
async function startNodesOnPorts(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  layout: StateLayout,
  log: (line: string) => void,
): Promise<{ nodes: RunningNodes; ports: NodePorts }> {
  const fixed = new Set([def.orderer.port, ...def.orgs.map((org) => org.peer.port)].filter((p) => p !== 0));
  for (let attempt = 1; ; attempt++) {
    const ports = await resolvePorts(def);
    try {
      return { nodes: await startNodes(def, crypto, layout, ports, log), ports };
    } catch (err) {
      if (!(err instanceof PortInUseError) || fixed.has(err.port) || attempt >= PORT_ATTEMPTS) throw err;
      log(`port ${err.port} was taken before the node bound it; starting again on fresh ports`);
    }
  }
}

/** How often the nodes start on fresh free ports before a race for them is reported. */
const PORT_ATTEMPTS = 3;
