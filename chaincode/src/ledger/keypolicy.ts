/**
 * Key-level endorsement policies ("state-based endorsement") as the bytes a Fabric peer
 * validates: a `common.SignaturePolicyEnvelope` whose rule is `N out of` one `SignedBy` per
 * organisation (MEMBER principal of that MSP). The shim's own helper always requires all
 * listed orgs; verification cases and transfers need N of M, hence this encoder.
 */
import { common, msp } from '@hyperledger/fabric-protos';

/** A decoded key-level policy: `required` signatures out of the listed organisations. */
export interface KeyPolicy {
  /** MSP IDs, sorted, unique. */
  mspIds: string[];
  required: number;
}

/** Raised when a key-level policy is asked for something Fabric could never satisfy. */
export class InvalidKeyPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyPolicyError';
  }
}

/**
 * Encodes "`required` of `mspIds`" (default: all of them) as SignaturePolicyEnvelope bytes.
 * Organisations are sorted and de-duplicated so every endorser writes identical bytes.
 */
export function encodeKeyPolicy(mspIds: readonly string[], required = new Set(mspIds).size): Uint8Array {
  const orgs = [...new Set(mspIds)].sort();
  if (orgs.length === 0)
    throw new InvalidKeyPolicyError('a key-level policy needs at least one organisation');
  if (!Number.isInteger(required) || required < 1 || required > orgs.length) {
    throw new InvalidKeyPolicyError(`required must be 1..${orgs.length}, got ${required}`);
  }
  const identities = orgs.map((id) => {
    const role = new msp.MSPRole();
    role.setMspIdentifier(id);
    role.setRole(msp.MSPRole.MSPRoleType.MEMBER);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(role.serializeBinary());
    return principal;
  });
  const rules = orgs.map((_, index) => {
    const signedBy = new common.SignaturePolicy();
    signedBy.setSignedBy(index);
    return signedBy;
  });
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(required);
  nOutOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList(identities);
  return envelope.serializeBinary();
}

/**
 * Decodes a policy written by {@link encodeKeyPolicy} (or the shim's helper).
 * @returns undefined for empty bytes (no key-level policy) or a shape this module does not write.
 */
export function decodeKeyPolicy(bytes: Uint8Array | undefined): KeyPolicy | undefined {
  if (bytes === undefined || bytes.length === 0) return undefined;
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const nOutOf = envelope.getRule()?.getNOutOf();
  if (nOutOf === undefined) return undefined;
  const identities = envelope.getIdentitiesList();
  const mspIds: string[] = [];
  for (const rule of nOutOf.getRulesList()) {
    if (rule.getTypeCase() !== common.SignaturePolicy.TypeCase.SIGNED_BY) return undefined;
    const principal = identities[rule.getSignedBy()];
    if (principal?.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) return undefined;
    mspIds.push(msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8()).getMspIdentifier());
  }
  return { mspIds: [...new Set(mspIds)].sort(), required: nOutOf.getN() };
}
