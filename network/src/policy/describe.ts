import { common, msp } from '@hyperledger/fabric-protos';

const ROLE_NAMES: Record<number, string> = {
  [msp.MSPRole.MSPRoleType.MEMBER]: 'member',
  [msp.MSPRole.MSPRoleType.ADMIN]: 'admin',
  [msp.MSPRole.MSPRoleType.CLIENT]: 'client',
  [msp.MSPRole.MSPRoleType.PEER]: 'peer',
  [msp.MSPRole.MSPRoleType.ORDERER]: 'orderer',
};

function describePrincipal(principal: msp.MSPPrincipal | undefined): string {
  if (!principal) return "'?'";
  const bytes = principal.getPrincipal_asU8();
  switch (principal.getPrincipalClassification()) {
    case msp.MSPPrincipal.Classification.ROLE: {
      const role = msp.MSPRole.deserializeBinary(bytes);
      return `'${role.getMspIdentifier()}.${ROLE_NAMES[role.getRole()] ?? String(role.getRole())}'`;
    }
    case msp.MSPPrincipal.Classification.ORGANIZATION_UNIT: {
      const ou = msp.OrganizationUnit.deserializeBinary(bytes);
      return `'${ou.getMspIdentifier()}.OU=${ou.getOrganizationalUnitIdentifier()}'`;
    }
    case msp.MSPPrincipal.Classification.IDENTITY:
      return `'${msp.SerializedIdentity.deserializeBinary(bytes).getMspid()}.<certificate>'`;
    default:
      return "'<unsupported principal>'";
  }
}

function describeRule(rule: common.SignaturePolicy | undefined, principals: msp.MSPPrincipal[]): string {
  if (!rule) return '<empty>';
  if (rule.hasSignedBy()) return describePrincipal(principals[rule.getSignedBy()]);
  const nOutOf = rule.getNOutOf();
  const rules = nOutOf?.getRulesList() ?? [];
  const n = nOutOf?.getN() ?? 0;
  const inner = rules.map((r) => describeRule(r, principals)).join(', ');
  if (n === 1 && rules.length > 0) return `OR(${inner})`;
  if (n === rules.length) return `AND(${inner})`;
  return `OutOf(${n}, ${inner})`;
}

/** A signature policy in the policy language, for messages: `OR('LabMSP.peer', 'VerifierMSP.peer')`. */
export function describeSignaturePolicy(envelope: common.SignaturePolicyEnvelope): string {
  return describeRule(envelope.getRule(), envelope.getIdentitiesList());
}

/** An ImplicitMeta policy as configtx.yaml writes it: `MAJORITY Endorsement`. */
export function describeImplicitMeta(policy: common.ImplicitMetaPolicy): string {
  const rule =
    Object.entries(common.ImplicitMetaPolicy.Rule).find(([, v]) => v === policy.getRule())?.[0] ?? '?';
  return `${rule} ${policy.getSubPolicy()}`;
}
