import { common, msp } from '@hyperledger/fabric-protos';

/** A principal role as written in the policy language ('Org1MSP.peer'). */
export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

const ROLE_TYPES: Record<PrincipalRole, msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]> = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

/** True for the role names the policy language knows. */
export function isPrincipalRole(role: string): role is PrincipalRole {
  return Object.prototype.hasOwnProperty.call(ROLE_TYPES, role);
}

/** An MSPPrincipal of classification ROLE: any identity of `mspId` with `role`. */
export function rolePrincipal(mspId: string, role: PrincipalRole): msp.MSPPrincipal {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(ROLE_TYPES[role]);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(mspRole.serializeBinary());
  return principal;
}

/** The rule `signed_by index`. */
export function signedBy(index: number): common.SignaturePolicy {
  const rule = new common.SignaturePolicy();
  rule.setSignedBy(index);
  return rule;
}

/** The rule `n_out_of { n, rules }`. */
export function outOf(n: number, rules: common.SignaturePolicy[]): common.SignaturePolicy {
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(n);
  nOutOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  return rule;
}

/** A SignaturePolicyEnvelope of `rule` over `identities` (version 0, as Fabric's policy parser writes). */
export function envelope(
  rule: common.SignaturePolicy,
  identities: msp.MSPPrincipal[],
): common.SignaturePolicyEnvelope {
  const env = new common.SignaturePolicyEnvelope();
  env.setVersion(0);
  env.setRule(rule);
  env.setIdentitiesList(identities);
  return env;
}

/**
 * `n` signatures out of the given MSPs, each by an identity with `role` (default 'member'); the
 * shape Fabric's `SignedByNOutOfGivenRole` builds.
 */
export function nOutOf(
  n: number,
  mspIds: string[],
  role: 'member' | 'peer' | 'admin' | 'client' = 'member',
): common.SignaturePolicyEnvelope {
  const identities = mspIds.map((id) => rolePrincipal(id, role));
  return envelope(
    outOf(
      n,
      identities.map((_, i) => signedBy(i)),
    ),
    identities,
  );
}
