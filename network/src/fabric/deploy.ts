import { chaincodePidName } from '../runtime/chaincode-server';
import { DeployError, type DeployOptions } from '../runtime/deploy';
import { CHAINCODE_PID_PREFIX, stopOwnedProcesses } from '../runtime/owned';
import { deployVersion } from './chaincode';
import { channelMembers, loadFabricContext, orgClis } from './context';
import { queryCommitted } from './lifecycle';

/**
 * Deploys a chaincode directory under a name on the running real-Fabric network: the next
 * sequence with a new version (`v<sequence>` unless given), through install, approve and commit
 * on every org in the channel; state is kept. The old version's server stops once the new one is discoverable.
 */
export async function deployFabricChaincode(
  opts: DeployOptions,
): Promise<{ sequence: number; version: string }> {
  // Orgs still waiting for the config update that adds them approve the new definition when they join.
  const ctx = await channelMembers(loadFabricContext(opts.stateDir));
  const { def, state } = ctx;
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
