import type { common, msp } from '@hyperledger/fabric-protos';
import type { ChannelMsps, Identity } from '../identity/types';
import type { SignedData } from './types';

/**
 * The identities whose signatures hold, in order: undeserializable or invalid identities and bad
 * signatures are dropped, and an identity that already signed is not counted again (Fabric checks
 * the repeat before verifying, so nobody can make it verify one signer thousands of times).
 */
export function validIdentities(signed: readonly SignedData[], msps: ChannelMsps): Identity[] {
  const seen = new Set<string>();
  const identities: Identity[] = [];
  for (const sd of signed) {
    let identity: Identity;
    try {
      identity = msps.deserialize(sd.identity);
    } catch {
      continue;
    }
    const key = `${identity.mspId}\u0000${identity.id}`;
    if (seen.has(key) || !msps.verify(identity, sd.data, sd.signature)) continue;
    seen.add(key);
    identities.push(identity);
  }
  return identities;
}

type Rule = (identities: readonly Identity[], used: boolean[]) => boolean;

/** Builds the evaluation of one rule; a signed_by index out of range never matches. */
function compile(
  rule: common.SignaturePolicy | undefined,
  principals: msp.MSPPrincipal[],
  msps: ChannelMsps,
): Rule {
  if (!rule) return () => false;
  if (rule.hasNOutOf()) {
    const nOutOf = rule.getNOutOf();
    const n = nOutOf?.getN() ?? 0;
    const rules = (nOutOf?.getRulesList() ?? []).map((r) => compile(r, principals, msps));
    return (identities, used) => {
      // Each sub-rule works on a copy of the flags and commits them only when it holds, so one
      // signature satisfies one principal: AND('A.member','A.member') needs two A signers.
      let satisfied = 0;
      for (const sub of rules) {
        const trial = used.slice();
        if (sub(identities, trial)) {
          satisfied++;
          trial.forEach((flag, i) => (used[i] = flag));
        }
      }
      return satisfied >= n;
    };
  }
  const principal = rule.hasSignedBy() ? principals[rule.getSignedBy()] : undefined;
  if (!principal) return () => false;
  return (identities, used) => {
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i];
      if (used[i] || !identity) continue;
      if (msps.satisfiesPrincipal(identity, principal)) {
        used[i] = true;
        return true;
      }
    }
    return false;
  };
}

/** Evaluates a signature policy against identities already checked by {@link validIdentities}. */
export function signaturePolicySatisfiedBy(
  envelope: common.SignaturePolicyEnvelope,
  identities: readonly Identity[],
  msps: ChannelMsps,
): boolean {
  const rule = compile(envelope.getRule(), envelope.getIdentitiesList(), msps);
  return rule(
    identities,
    identities.map(() => false),
  );
}

/** n-out-of with 'used' flags, dedup identities */
export function evaluateSignaturePolicy(
  envelope: common.SignaturePolicyEnvelope,
  signed: SignedData[],
  msps: ChannelMsps,
): boolean {
  return signaturePolicySatisfiedBy(envelope, validIdentities(signed, msps), msps);
}
