import { common, msp } from '@hyperledger/fabric-protos';

/** MSP roles a signature policy principal can name. */
export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

const ROLE_CODES = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
} as const;
const ROLE_NAMES: readonly string[] = ['member', 'admin', 'client', 'peer', 'orderer'];
const RULE_NAMES: readonly string[] = ['ANY', 'ALL', 'MAJORITY'];

/**
 * A SIGNATURE policy satisfied by one signature of any of the roles of one MSP, the way the policy
 * language encodes `OR('LabMSP.admin', 'LabMSP.peer')`: one principal per role, 1-out-of-n.
 */
export function anyRolePolicy(mspId: string, roles: readonly PrincipalRole[]): common.Policy {
  const principals = roles.map((role) => {
    const r = new msp.MSPRole();
    r.setMspIdentifier(mspId);
    r.setRole(ROLE_CODES[role]);
    const p = new msp.MSPPrincipal();
    p.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    p.setPrincipal(r.serializeBinary());
    return p;
  });
  const rules = roles.map((_, i) => {
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(i);
    return rule;
  });
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(1);
  nOutOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setRule(rule);
  envelope.setIdentitiesList(principals);
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.SIGNATURE);
  policy.setValue(envelope.serializeBinary());
  return policy;
}

function principalText(p: msp.MSPPrincipal | undefined): string {
  if (!p) return '?';
  const bytes = p.getPrincipal_asU8();
  switch (p.getPrincipalClassification()) {
    case msp.MSPPrincipal.Classification.ROLE: {
      const r = msp.MSPRole.deserializeBinary(bytes);
      return `'${r.getMspIdentifier()}.${ROLE_NAMES[r.getRole()] ?? String(r.getRole())}'`;
    }
    case msp.MSPPrincipal.Classification.ORGANIZATION_UNIT: {
      const ou = msp.OrganizationUnit.deserializeBinary(bytes);
      return `'${ou.getMspIdentifier()}.OU:${ou.getOrganizationalUnitIdentifier()}'`;
    }
    case msp.MSPPrincipal.Classification.IDENTITY:
      return `'${msp.SerializedIdentity.deserializeBinary(bytes).getMspid()}.identity'`;
    default:
      return `'principal type ${p.getPrincipalClassification()}'`;
  }
}

function ruleText(rule: common.SignaturePolicy, principals: msp.MSPPrincipal[]): string {
  if (rule.getTypeCase() === common.SignaturePolicy.TypeCase.SIGNED_BY)
    return principalText(principals[rule.getSignedBy()]);
  const nOutOf = rule.getNOutOf();
  const subs = (nOutOf?.getRulesList() ?? []).map((r) => ruleText(r, principals));
  const n = nOutOf?.getN() ?? 0;
  if (n === 1) return `OR(${subs.join(', ')})`;
  if (n === subs.length) return `AND(${subs.join(', ')})`;
  return `OutOf(${n}, ${subs.join(', ')})`;
}

/**
 * A policy in the words of the policy language: `OR('BrandMSP.admin')`, `MAJORITY Admins`.
 * Undecodable policies are described by their type, never thrown on (this is for display).
 */
export function describePolicy(policy: common.Policy | undefined): string {
  if (!policy) return '(no policy)';
  try {
    if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
      const env = common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8());
      const rule = env.getRule();
      return rule ? ruleText(rule, env.getIdentitiesList()) : '(empty signature policy)';
    }
    if (policy.getType() === common.Policy.PolicyType.IMPLICIT_META) {
      const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
      return `${RULE_NAMES[meta.getRule()] ?? String(meta.getRule())} ${meta.getSubPolicy()}`;
    }
  } catch {
    return `(undecodable policy of type ${policy.getType()})`;
  }
  return `(policy of type ${policy.getType()})`;
}
