import { readFileSync } from 'node:fs';
import type { NetworkDefinition } from '../definition';
import { readProfile } from '../profile/file';
import { chaincodePidName } from '../runtime/chaincode-server';
import { DeployError, type DeployOptions } from '../runtime/deploy';
import { stateLayout } from '../runtime/layout';
import { CHAINCODE_PID_PREFIX, stopOwnedProcesses } from '../runtime/owned';
import { findFabricBinaries } from './binaries';
import { deployVersion } from './chaincode';
import { orgClis, type FabricContext } from './context';
import { fabricLayout } from './layout';
import { queryCommitted } from './lifecycle';

/**
 * Deploys a chaincode directory under a name on the running real-Fabric network: the next
 * sequence with a new version (`v<sequence>` unless given), through install, approve and commit
 * on every org; state is kept. The old version's server stops once the new one is discoverable.
 */
export async function deployFabricChaincode(
  opts: DeployOptions,
): Promise<{ sequence: number; version: string }> {
  const state = stateLayout(opts.stateDir);
  const def = JSON.parse(readFileSync(state.definition, 'utf8')) as NetworkDefinition;
  const ctx: FabricContext = {
    bins: findFabricBinaries(),
    def,
    state,
    fabric: fabricLayout(opts.stateDir),
    profile: readProfile(state.profile),
  };
  const [first] = orgClis(ctx);
  if (!first) throw new DeployError('the network definition has no member org');
  const current = await queryCommitted(first, def.channel, opts.name);
  const sequence = (current?.sequence ?? 0) + 1;
  const version = opts.version ?? `v${sequence}`;
  if (current?.version === version)
    throw new DeployError(`${opts.name} version ${version} is already defined; deploy with another version`);
  await deployVersion(ctx, {
    name: opts.name,
    version,
    sequence,
    policy: opts.policy ?? def.endorsementPolicy,
    path: opts.path,
  });
  const keep = chaincodePidName(opts.name, version);
  await stopOwnedProcesses(
    state,
    (pidName) => pidName.startsWith(`${CHAINCODE_PID_PREFIX}${opts.name}-`) && pidName !== keep,
  );
  return { sequence, version };
}
