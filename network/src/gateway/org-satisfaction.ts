import { common, msp } from '@hyperledger/fabric-protos';

/**
 * Decides whether endorsements from one peer of each org in a set could satisfy a policy,
 * before asking anyone: the planning step a Fabric gateway does through discovery. Each org
 * contributes one peer identity, which matches ROLE principals `member` and `peer` of its MSP.
 */
export function envelopeSatisfiedBy(
  envelope: common.SignaturePolicyEnvelope,
  mspIds: readonly string[],
): boolean {
  const principals = envelope.getIdentitiesList();
  const used = mspIds.map(() => false);
  const rule = envelope.getRule();
  return rule ? ruleSatisfied(rule, principals, mspIds, used) : false;
}

function ruleSatisfied(
  rule: common.SignaturePolicy,
  principals: msp.MSPPrincipal[],
  mspIds: readonly string[],
  used: boolean[],
): boolean {
  if (rule.hasSignedBy()) {
    const principal = principals[rule.getSignedBy()];
    if (!principal) return false;
    const index = mspIds.findIndex((id, i) => !used[i] && peerMatches(principal, id));
    if (index < 0) return false;
    used[index] = true;
    return true;
  }
  const nOutOf = rule.getNOutOf();
  if (!nOutOf) return false;
  let count = 0;
  for (const sub of nOutOf.getRulesList()) {
    const trial = [...used];
    if (ruleSatisfied(sub, principals, mspIds, trial)) {
      trial.forEach((flag, i) => (used[i] = flag));
      count++;
    }
  }
  return count >= nOutOf.getN();
}

function peerMatches(principal: msp.MSPPrincipal, mspId: string): boolean {
  if (principal.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) return false;
  const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
  const roleType = role.getRole();
  return (
    role.getMspIdentifier() === mspId &&
    (roleType === msp.MSPRole.MSPRoleType.MEMBER || roleType === msp.MSPRole.MSPRoleType.PEER)
  );
}

/**
 * Evaluates a channel policy path (e.g. `/Channel/Application/Endorsement`) over the config
 * tree: ImplicitMeta rules count the named sub-policy across child groups (ANY 1, ALL n,
 * MAJORITY n/2+1); signature policies use {@link envelopeSatisfiedBy}.
 */
export function channelPolicySatisfiedBy(
  config: common.Config,
  path: string,
  mspIds: readonly string[],
): boolean {
  const parts = path.split('/').filter((p) => p !== '');
  const policyName = parts.pop();
  if (parts[0] !== 'Channel' || policyName === undefined) return false;
  let group = config.getChannelGroup();
  for (const name of parts.slice(1)) group = group?.getGroupsMap().get(name);
  return group ? groupPolicySatisfied(group, policyName, mspIds) : false;
}

function groupPolicySatisfied(
  group: common.ConfigGroup,
  policyName: string,
  mspIds: readonly string[],
): boolean {
  const policy = group.getPoliciesMap().get(policyName)?.getPolicy();
  if (!policy) return false;
  if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
    return envelopeSatisfiedBy(
      common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()),
      mspIds,
    );
  }
  if (policy.getType() !== common.Policy.PolicyType.IMPLICIT_META) return false;
  const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
  const children: common.ConfigGroup[] = [];
  group.getGroupsMap().forEach((child) => children.push(child));
  const satisfied = children.filter((child) =>
    groupPolicySatisfied(child, meta.getSubPolicy(), mspIds),
  ).length;
  return satisfied >= threshold(meta.getRule(), children.length);
}

function threshold(rule: number, children: number): number {
  if (children === 0) return 0;
  if (rule === common.ImplicitMetaPolicy.Rule.ANY) return Math.min(1, children);
  if (rule === common.ImplicitMetaPolicy.Rule.ALL) return children;
  return Math.floor(children / 2) + 1;
}
