import { common } from '@hyperledger/fabric-protos';
import { mspFromConfig, type ChannelMsp, type ValidIdentity } from './msp';
import { satisfiesSignaturePolicy } from './policy';

/** The parts of a channel configuration that verification needs. */
export interface ChannelConfigView {
  /** Number of the config block it was read from. */
  readonly blockNumber: bigint;
  /** The channel the configuration belongs to. */
  readonly channelId: string;
  /** The configuration's sequence. */
  readonly sequence: number;
  /** The root group (`Channel`). */
  readonly root: common.ConfigGroup;
  /** Every org MSP of the channel (application and orderer orgs), by MSP ID. */
  readonly msps: ReadonlyMap<string, ChannelMsp>;
}

/** The outcome of evaluating a policy, with an explanation readable by a person. */
export interface PolicyOutcome {
  readonly satisfied: boolean;
  readonly explanation: string;
}

/**
 * Reads the configuration carried by a config block.
 * @throws Error when the block does not hold a config transaction
 */
export function readConfigBlock(block: common.Block): ChannelConfigView {
  const envBytes = block.getData()?.getDataList_asU8()[0];
  if (!envBytes) throw new Error('config block has no transaction');
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(envBytes).getPayload_asU8(),
  );
  const chdr = common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  );
  if (chdr.getType() !== common.HeaderType.CONFIG)
    throw new Error(`block ${block.getHeader()?.getNumber() ?? '?'} is not a config block`);
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  if (!config) throw new Error('config block has no channel group');
  return configView(config, BigInt(block.getHeader()?.getNumber() ?? 0), chdr.getChannelId());
}

/**
 * The view of a `common.Config` (from a config block, or a new config a replay is about to adopt).
 * @throws Error when the config has no channel group or holds an MSP that is not X.509
 */
export function configView(config: common.Config, blockNumber: bigint, channelId: string): ChannelConfigView {
  const root = config.getChannelGroup();
  if (!root) throw new Error('config block has no channel group');
  const msps = new Map<string, ChannelMsp>();
  for (const section of ['Application', 'Orderer']) {
    const group = root.getGroupsMap().get(section);
    group?.getGroupsMap().forEach((org: common.ConfigGroup) => {
      const value = org.getValuesMap().get('MSP');
      if (!value) return;
      const m = mspFromConfig(value.getValue_asU8());
      msps.set(m.mspId, m);
    });
  }
  return { blockNumber, channelId, sequence: config.getSequence(), root, msps };
}

/** MSP IDs of the channel's application orgs. */
export function applicationMspIds(view: ChannelConfigView): string[] {
  const app = view.root.getGroupsMap().get('Application');
  const ids: string[] = [];
  app?.getGroupsMap().forEach((org: common.ConfigGroup) => {
    const value = org.getValuesMap().get('MSP');
    if (value) ids.push(mspFromConfig(value.getValue_asU8()).mspId);
  });
  return ids;
}

/**
 * Evaluates a channel policy by its path (`/Channel/Application/Endorsement`) over verified signers:
 * signature policies directly, implicit-meta policies over the named sub-policy of every child group.
 */
export function evaluatePolicyPath(
  view: ChannelConfigView,
  path: string,
  signers: readonly ValidIdentity[],
): PolicyOutcome {
  const parts = path.split('/').filter(Boolean);
  const policyName = parts.pop();
  if (parts[0] !== 'Channel' || !policyName)
    return { satisfied: false, explanation: `policy path ${path} is not under /Channel` };
  let group: common.ConfigGroup | undefined = view.root;
  for (const name of parts.slice(1)) group = group?.getGroupsMap().get(name);
  if (!group) return { satisfied: false, explanation: `no config group for ${path}` };
  return evaluateGroupPolicy(group, policyName, signers, path);
}

function evaluateGroupPolicy(
  group: common.ConfigGroup,
  name: string,
  signers: readonly ValidIdentity[],
  path: string,
): PolicyOutcome {
  const policy = group.getPoliciesMap().get(name)?.getPolicy();
  if (!policy) return { satisfied: false, explanation: `policy ${path} does not exist` };
  if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
    const satisfied = satisfiesSignaturePolicy(
      common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()),
      signers,
    );
    return { satisfied, explanation: `${path}: ${satisfied ? 'satisfied' : 'not satisfied'}` };
  }
  if (policy.getType() !== common.Policy.PolicyType.IMPLICIT_META)
    return { satisfied: false, explanation: `${path}: unsupported policy type ${policy.getType()}` };
  const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
  const children: [string, common.ConfigGroup][] = [];
  group.getGroupsMap().forEach((g: common.ConfigGroup, k: string) => children.push([k, g]));
  const outcomes = children.map(([k, g]) => ({
    org: k,
    ...evaluateGroupPolicy(
      g,
      meta.getSubPolicy(),
      signers,
      `${path.replace(/\/[^/]+$/, '')}/${k}/${meta.getSubPolicy()}`,
    ),
  }));
  const n = children.length;
  const rule = meta.getRule();
  const threshold =
    rule === common.ImplicitMetaPolicy.Rule.ANY
      ? Math.min(1, n)
      : rule === common.ImplicitMetaPolicy.Rule.ALL
        ? n
        : Math.floor(n / 2) + 1;
  const met = outcomes.filter((o) => o.satisfied).map((o) => o.org);
  const ruleName = ['ANY', 'ALL', 'MAJORITY'][rule] ?? String(rule);
  return {
    satisfied: met.length >= threshold,
    explanation: `${path} = ${ruleName} ${meta.getSubPolicy()}: ${met.length} of ${n} orgs satisfied (${met.join(', ') || 'none'}), ${threshold} required`,
  };
}
