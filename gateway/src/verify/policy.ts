import { common, msp } from '@hyperledger/fabric-protos';
import type { MspRole, ValidIdentity } from './msp';

const ROLE_OF_PRINCIPAL: Readonly<Record<number, MspRole>> = {
  0: 'member',
  1: 'admin',
  2: 'client',
  3: 'peer',
  4: 'orderer',
};

/**
 * Evaluates a `SignaturePolicyEnvelope` over identities whose signatures were already verified,
 * the way Fabric does: identities are de-duplicated, and each one can satisfy only one principal
 * (so `AND('A.member','A.member')` needs two distinct signers of A).
 */
export function satisfiesSignaturePolicy(
  envelope: common.SignaturePolicyEnvelope,
  signers: readonly ValidIdentity[],
): boolean {
  const unique = dedupe(signers);
  const principals = envelope.getIdentitiesList();
  const rule = envelope.getRule();
  if (!rule) return false;
  const used = new Array<boolean>(unique.length).fill(false);
  return evaluate(rule, principals, unique, used);
}

function evaluate(
  rule: common.SignaturePolicy,
  principals: msp.MSPPrincipal[],
  signers: ValidIdentity[],
  used: boolean[],
): boolean {
  if (rule.getTypeCase() === common.SignaturePolicy.TypeCase.SIGNED_BY) {
    const principal = principals[rule.getSignedBy()];
    if (!principal) return false;
    const i = signers.findIndex((s, idx) => !used[idx] && satisfiesPrincipal(s, principal));
    if (i < 0) return false;
    used[i] = true;
    return true;
  }
  const nOutOf = rule.getNOutOf();
  if (!nOutOf) return false;
  let count = 0;
  for (const sub of nOutOf.getRulesList()) {
    // Each sub-rule works on a copy so that a failing branch does not consume signers.
    const trial = [...used];
    if (evaluate(sub, principals, signers, trial)) {
      trial.forEach((v, i) => (used[i] = v));
      count++;
    }
  }
  return count >= nOutOf.getN();
}

/** True when the identity matches one principal (role, exact identity or organisational unit). */
export function satisfiesPrincipal(s: ValidIdentity, p: msp.MSPPrincipal): boolean {
  const bytes = p.getPrincipal_asU8();
  switch (p.getPrincipalClassification()) {
    case msp.MSPPrincipal.Classification.ROLE: {
      const role = msp.MSPRole.deserializeBinary(bytes);
      const wanted = ROLE_OF_PRINCIPAL[role.getRole()];
      return role.getMspIdentifier() === s.mspId && wanted !== undefined && s.roles.has(wanted);
    }
    case msp.MSPPrincipal.Classification.IDENTITY: {
      const id = msp.SerializedIdentity.deserializeBinary(bytes);
      return id.getMspid() === s.mspId && Buffer.from(id.getIdBytes_asU8()).equals(Buffer.from(s.idBytes));
    }
    case msp.MSPPrincipal.Classification.ORGANIZATION_UNIT: {
      const ou = msp.OrganizationUnit.deserializeBinary(bytes);
      return ou.getMspIdentifier() === s.mspId && s.ous.includes(ou.getOrganizationalUnitIdentifier());
    }
    default:
      return false;
  }
}

function dedupe(signers: readonly ValidIdentity[]): ValidIdentity[] {
  const seen = new Set<string>();
  return signers.filter((s) => {
    const key = `${s.mspId}\u0000${s.certificate.fingerprint256}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
