import { type common, peer } from '@hyperledger/fabric-protos';
import type { ChannelMsps } from '../identity/types';
import { PolicyError } from './errors';
import { describeSignaturePolicy } from './describe';
import { evaluateSignaturePolicy, validIdentities } from './signature';
import type { PolicyEvaluator, SignedData } from './types';

/** Decodes a peer.ApplicationPolicy; throws PolicyError MALFORMED_POLICY. */
export function decodeApplicationPolicy(policyBytes: Uint8Array): peer.ApplicationPolicy {
  let policy: peer.ApplicationPolicy;
  try {
    policy = peer.ApplicationPolicy.deserializeBinary(policyBytes);
  } catch (error) {
    throw new PolicyError('MALFORMED_POLICY', `not an application policy: ${(error as Error).message}`);
  }
  if (!policy.hasSignaturePolicy() && policy.getChannelConfigPolicyReference() === '') {
    throw new PolicyError(
      'MALFORMED_POLICY',
      'application policy has neither a signature policy nor a channel policy reference',
    );
  }
  return policy;
}

/**
 * Evaluates a chaincode endorsement policy: either its own signature policy or a reference into
 * the channel's policy tree (such as '/Channel/Application/Endorsement').
 */
export function evaluateApplicationPolicy(
  policyBytes: Uint8Array,
  signed: SignedData[],
  channel: PolicyEvaluator,
  msps: ChannelMsps,
): boolean {
  const policy = decodeApplicationPolicy(policyBytes);
  const envelope = policy.getSignaturePolicy();
  if (envelope) return evaluateSignaturePolicy(envelope, signed, msps);
  return channel.evaluate(policy.getChannelConfigPolicyReference(), signed);
}

/**
 * Why an endorsement policy is (not) satisfied, for error messages: the signature policy and the
 * orgs that signed, or the channel policy's own explanation.
 */
export function explainApplicationPolicy(
  policyBytes: Uint8Array,
  signed: SignedData[],
  channel: PolicyEvaluator,
  msps: ChannelMsps,
): string {
  const policy = decodeApplicationPolicy(policyBytes);
  const envelope = policy.getSignaturePolicy();
  if (!envelope) return channel.explain(policy.getChannelConfigPolicyReference(), signed);
  const verdict = evaluateSignaturePolicy(envelope, signed, msps) ? 'is satisfied' : 'is not satisfied';
  const signers = validIdentities(signed, msps).map((i) => `${i.mspId}.${i.role}`);
  return `signature policy ${describeSignaturePolicy(envelope)} ${verdict} by the valid signatures of [${signers.join(', ')}]`;
}

/** An ApplicationPolicy referring to a channel policy, e.g. '/Channel/Application/Endorsement'. */
export function channelPolicyReference(path: string): Uint8Array {
  const policy = new peer.ApplicationPolicy();
  policy.setChannelConfigPolicyReference(path);
  return policy.serializeBinary();
}

/** An ApplicationPolicy holding a signature policy. */
export function signaturePolicyReference(envelope: common.SignaturePolicyEnvelope): Uint8Array {
  const policy = new peer.ApplicationPolicy();
  policy.setSignaturePolicy(envelope);
  return policy.serializeBinary();
}
