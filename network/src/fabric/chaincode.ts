import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChaincodeServer, type ChaincodeServer } from '../runtime/chaincode-server';
import { listenerPort } from '../runtime/ports';
import type { FabricContext } from './context';
import { orgClis } from './context';
import { waitForDiscovery } from './discovery';
import {
  approveForMyOrg,
  commitDefinition,
  commitReadiness,
  installPackage,
  type FabricChaincodeDefinition,
} from './lifecycle';
import { packageLabel, writeCcaasPackage } from './package';

/** A chaincode deployed on the real-Fabric network: what a restart needs to serve it again. */
export interface DeployedChaincode extends FabricChaincodeDefinition {
  /** The chaincode directory its server runs from. */
  readonly path: string;
  /** host:port its server listens on (named in the package's connection.json). */
  readonly address: string;
}

/** Approvals did not all arrive in time. */
export class ApprovalTimeoutError extends Error {
  readonly code = 'APPROVAL_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalTimeoutError';
  }
}

/**
 * Deploys one version of a chaincode as a service, as Fabric's lifecycle wants it: a
 * deterministic CCaaS package, its server started with the package id, install on every peer,
 * approve for every org, wait for commit readiness, commit with every peer, and wait until
 * discovery lists every peer with it. The server keeps running after this process exits.
 */
export async function deployVersion(
  ctx: FabricContext,
  chaincode: Omit<FabricChaincodeDefinition, 'packageId'> & { path: string },
): Promise<{ deployed: DeployedChaincode; server: ChaincodeServer }> {
  const label = packageLabel(chaincode.name, chaincode.version);
  const address = `127.0.0.1:${await listenerPort()}`;
  mkdirSync(join(ctx.fabric.root, 'packages'), { recursive: true });
  const pkg = await writeCcaasPackage({ label, address, file: ctx.fabric.packageFile(label) });
  const deployed: DeployedChaincode = { ...chaincode, packageId: pkg.packageId, address };
  const server = await serve(ctx, deployed);
  try {
    const clis = orgClis(ctx);
    await Promise.all(clis.map((cli) => installPackage(cli, pkg.file, pkg.packageId)));
    await Promise.all(clis.map((cli) => approveForMyOrg(cli, ctx.def.channel, deployed)));
    const [first] = clis;
    if (!first) throw new Error('the network definition has no member org');
    await waitApproved(() => commitReadiness(first, ctx.def.channel, deployed));
    await commitDefinition(first, ctx.def.channel, deployed, clis);
    await waitForDiscovery(ctx.profile, deployed);
    recordDeployed(ctx, deployed);
    return { deployed, server };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Starts the server of a deployed chaincode with its package id, on the address its package names. */
export function serve(ctx: FabricContext, deployed: DeployedChaincode): Promise<ChaincodeServer> {
  return startChaincodeServer({
    dir: deployed.path,
    name: deployed.name,
    version: deployed.version,
    layout: ctx.state,
    detached: true,
    packageId: deployed.packageId,
    port: Number(deployed.address.split(':').pop()),
  });
}

/** The chaincodes deployed so far (the version in force of each name). */
export function listDeployed(ctx: FabricContext): DeployedChaincode[] {
  const dir = ctx.fabric.deployedDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DeployedChaincode);
}

function recordDeployed(ctx: FabricContext, deployed: DeployedChaincode): void {
  mkdirSync(ctx.fabric.deployedDir, { recursive: true });
  writeFileSync(ctx.fabric.deployedFile(deployed.name), JSON.stringify(deployed, null, 2));
}

/** Polls checkcommitreadiness until every org has approved (approvals land as blocks commit). */
async function waitApproved(
  readiness: () => Promise<Record<string, boolean>>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let approvals: Record<string, boolean> = {};
  while (Date.now() < deadline) {
    approvals = await readiness();
    if (Object.values(approvals).every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const missing = Object.keys(approvals).filter((id) => !approvals[id]);
  throw new ApprovalTimeoutError(`approvals missing after ${timeoutMs / 1000} s: ${missing.join(', ')}`);
}
