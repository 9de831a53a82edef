import type { NetworkDefinition } from '../definition';
import { listInstalled, writeInstalled } from '../peer/installed';
import type { ConnectionProfile } from '../profile/types';
import { startChaincodeServer, type ChaincodeServer } from './chaincode-server';
import { connectProfileGateway } from './client';
import type { StateLayout } from './layout';
import { commitDefinition, queryDefinition } from './lifecycle-client';
import { applicationPolicyBytes } from './policy-text';

/** A chaincode to serve: its directory, name and version. */
export interface ChaincodePackage {
  readonly path: string;
  readonly name: string;
  readonly version: string;
}

/** Starts a chaincode server and records it as installed, so peers dial it. */
export async function installAndServe(
  pkg: ChaincodePackage,
  layout: StateLayout,
  detached: boolean,
): Promise<ChaincodeServer> {
  const server = await startChaincodeServer({
    dir: pkg.path,
    name: pkg.name,
    version: pkg.version,
    layout,
    detached,
  });
  writeInstalled(layout.installDir, {
    name: server.name,
    version: server.version,
    packageId: server.packageId,
    address: server.address,
    path: server.path,
  });
  return server;
}

/**
 * The packages to serve at start: the definition's chaincode (when a directory is given) and
 * every package installed by earlier deploys, so a restarted network serves them all again.
 */
export function packagesToServe(
  def: NetworkDefinition,
  layout: StateLayout,
  chaincodeDir: string | undefined,
): ChaincodePackage[] {
  const packages = new Map<string, ChaincodePackage>();
  for (const installed of listInstalled(layout.installDir)) packages.set(installed.name, installed);
  if (chaincodeDir) {
    const previous = packages.get(def.chaincode.name);
    // Keep a version a later deploy set for the same chaincode; the definition's otherwise.
    const version =
      previous && previous.version !== def.chaincode.version ? previous.version : def.chaincode.version;
    packages.set(def.chaincode.name, { path: chaincodeDir, name: def.chaincode.name, version });
  }
  return [...packages.values()];
}

/**
 * Commits a chaincode definition through `_lifecycle` (sequence = committed + 1) unless the
 * same version is already defined; returns the sequence in force.
 */
export async function defineChaincode(
  profile: ConnectionProfile,
  adminOrg: string,
  def: { name: string; version: string; policy: string },
): Promise<number> {
  const connection = connectProfileGateway(profile, adminOrg, 'Admin');
  try {
    const current = await queryDefinition(connection.gateway, profile.channel, def.name);
    if (current?.version === def.version) return current.sequence;
    const sequence = (current?.sequence ?? 0) + 1;
    await commitDefinition(connection.gateway, profile.channel, {
      name: def.name,
      version: def.version,
      sequence,
      endorsementPolicy: applicationPolicyBytes(def.policy),
    });
    return sequence;
  } finally {
    connection.close();
  }
}
