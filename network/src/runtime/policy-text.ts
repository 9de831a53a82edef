import { channelPolicyReference, parseSignaturePolicy, signaturePolicyReference } from '../policy';

const IMPLICIT_META = /^(ANY|ALL|MAJORITY)\s+(\w+)$/;

/**
 * A chaincode endorsement policy as written in the definition, as peer.ApplicationPolicy
 * bytes: `MAJORITY Endorsement` (and the like) refers to the channel's
 * `/Channel/Application/<Name>` policy, anything else is a signature policy
 * (`OR('A.peer', ...)`, `OutOf(2, ...)`).
 */
export function applicationPolicyBytes(text: string): Uint8Array {
  const meta = IMPLICIT_META.exec(text.trim());
  if (meta) return channelPolicyReference(`/Channel/Application/${meta[2] ?? 'Endorsement'}`);
  return signaturePolicyReference(parseSignaturePolicy(text));
}
