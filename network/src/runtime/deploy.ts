import { readFileSync } from 'node:fs';
import type { NetworkDefinition } from '../definition';
import { readProfile } from '../profile/file';
import { chaincodePidName } from './chaincode-server';
import { defineChaincode, installAndServe } from './chaincodes';
import { stateLayout } from './layout';
import { adminOrg } from './network';
import { CHAINCODE_PID_PREFIX, stopOwnedProcesses } from './owned';
import { connectProfileGateway } from './client';
import { queryDefinition } from './lifecycle-client';

/** What to deploy on a running network. */
export interface DeployOptions {
  readonly stateDir: string;
  /** Chaincode name on the channel. */
  readonly name: string;
  /** A Node chaincode directory (package.json with a `main` exporting `contracts`). */
  readonly path: string;
  /** Defaults to `v<sequence>`; must differ from the version in force. */
  readonly version?: string;
  /** Endorsement policy text; defaults to the network definition's. */
  readonly policy?: string;
}

/** A deploy that cannot proceed. */
export class DeployError extends Error {
  readonly code = 'DEPLOY_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

/**
 * Deploys a chaincode directory under a name on a running network, as test-network's deployCC
 * does: serves it as a service, records it as installed, commits the next sequence of its
 * definition through `_lifecycle` (state is kept), then stops the server of the old version.
 */
export async function deployChaincode(opts: DeployOptions): Promise<{ sequence: number; version: string }> {
  const layout = stateLayout(opts.stateDir);
  const profile = readProfile(layout.profile);
  const def = JSON.parse(readFileSync(layout.definition, 'utf8')) as NetworkDefinition;
  const org = adminOrg(def);
  const connection = connectProfileGateway(profile, org, 'Admin');
  let current: { sequence: number; version: string } | undefined;
  try {
    current = await queryDefinition(connection.gateway, profile.channel, opts.name);
  } finally {
    connection.close();
  }
  const version = opts.version ?? `v${(current?.sequence ?? 0) + 1}`;
  if (current?.version === version)
    throw new DeployError(`${opts.name} version ${version} is already defined; deploy with another version`);
  const server = await installAndServe({ path: opts.path, name: opts.name, version }, layout, true);
  try {
    const sequence = await defineChaincode(profile, org, {
      name: opts.name,
      version,
      policy: opts.policy ?? def.endorsementPolicy,
    });
    const keep = chaincodePidName(opts.name, version);
    await stopOwnedProcesses(
      layout,
      (pidName) => pidName.startsWith(`${CHAINCODE_PID_PREFIX}${opts.name}-`) && pidName !== keep,
    );
    return { sequence, version };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
