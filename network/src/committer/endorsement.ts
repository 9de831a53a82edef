import { common, peer } from '@hyperledger/fabric-protos';
import { writesToNamespace, type NamespaceRwset, type ParsedEndorserTransaction } from '../block';
import type { Identity } from '../identity';
import type { StateReader } from '../ledger';
import {
  channelPolicyReference,
  decodeApplicationPolicy,
  signaturePolicySatisfiedBy,
  validIdentities,
  type SignedData,
} from '../policy';
import type { ChaincodeDefinitionView, CommitChannel } from './types';

const Code = peer.TxValidationCode;

/** The namespace of the chaincode lifecycle; its writes answer to the channel's LifecycleEndorsement. */
export const LIFECYCLE_NAMESPACE = '_lifecycle';
const LIFECYCLE_POLICY = channelPolicyReference('/Channel/Application/LifecycleEndorsement');
/** The metadata entry holding a key-level endorsement policy (peer.MetaDataKeys.VALIDATION_PARAMETER). */
export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/** What endorsement checks read: committed state and what earlier transactions of the block did. */
export interface EndorsementScope {
  channel: CommitChannel;
  chaincodes: ChaincodeDefinitionView;
  /** Committed state (key-level policies come from committed metadata only). */
  committed: StateReader;
  /** `ns\0key` of keys whose metadata an earlier transaction of this block, valid so far, wrote. */
  metadataWrittenInBlock: ReadonlySet<string>;
}

/** The endorsements as Fabric's policy checks see them: data = prp || endorser. */
export function endorsementSignedData(tx: ParsedEndorserTransaction): SignedData[] {
  return tx.endorsements.map((e) => ({
    data: Buffer.concat([tx.proposalResponsePayloadBytes, e.getEndorser_asU8()]),
    identity: e.getEndorser_asU8(),
    signature: e.getSignature_asU8(),
  }));
}

/** Keys a namespace writes: value writes and metadata writes, each once. */
function writtenKeys(ns: NamespaceRwset): Set<string> {
  const keys = new Set<string>();
  for (const write of ns.kv.getWritesList()) keys.add(write.getKey());
  for (const write of ns.kv.getMetadataWritesList()) keys.add(write.getKey());
  return keys;
}

/** `ns\0key` of every key whose metadata the transaction writes. */
export function metadataWrites(tx: ParsedEndorserTransaction): string[] {
  return tx.rwset.flatMap((ns) =>
    ns.kv.getMetadataWritesList().map((w) => `${ns.namespace}\u0000${w.getKey()}`),
  );
}

/** Namespaces whose policies apply: the invoked chaincode, then every other namespace written. */
function namespacesToValidate(tx: ParsedEndorserTransaction): string[] {
  const names = [tx.chaincodeName];
  for (const ns of tx.rwset)
    if (writesToNamespace(ns) && !names.includes(ns.namespace)) names.push(ns.namespace);
  return names;
}

/**
 * Checks one transaction's endorsements as Fabric 2.5's builtin v20 validation does with
 * state-based endorsement: per written namespace, each written key needs its committed
 * VALIDATION_PARAMETER policy if it has one, otherwise the chaincode endorsement policy (checked
 * at most once); a namespace where no policy was checked still needs the chaincode policy; a key
 * whose metadata an earlier transaction of the block (valid so far) changed fails. Returns a
 * TxValidationCode: VALID, ENDORSEMENT_POLICY_FAILURE, INVALID_CHAINCODE or INVALID_OTHER_REASON.
 */
export function checkEndorsements(tx: ParsedEndorserTransaction, scope: EndorsementScope): number {
  if (tx.rwset.some((ns) => ns.collections.length > 0)) return Code.INVALID_OTHER_REASON; // no private data here
  const signed = endorsementSignedData(tx);
  const { msps, policies } = scope.channel;
  // The endorsements are verified once per transaction for every signature policy it meets
  // (key-level ones and signature-policy chaincode EPs); a channel policy reference verifies them
  // inside the channel's policy tree.
  let identities: Identity[] | undefined;
  const signaturePolicyHolds = (envelope: common.SignaturePolicyEnvelope): boolean => {
    identities ??= validIdentities(signed, msps);
    return signaturePolicySatisfiedBy(envelope, identities, msps);
  };
  const keyPolicyHolds = (policyBytes: Uint8Array): boolean => {
    try {
      return signaturePolicyHolds(common.SignaturePolicyEnvelope.deserializeBinary(policyBytes));
    } catch {
      return false;
    }
  };
  const applicationPolicyHolds = (policyBytes: Uint8Array): boolean => {
    const policy = decodeApplicationPolicy(policyBytes);
    const envelope = policy.getSignaturePolicy();
    return envelope
      ? signaturePolicyHolds(envelope)
      : policies.evaluate(policy.getChannelConfigPolicyReference(), signed);
  };
  for (const name of namespacesToValidate(tx)) {
    const policy =
      name === LIFECYCLE_NAMESPACE ? LIFECYCLE_POLICY : scope.chaincodes.get(name)?.endorsementPolicy;
    if (!policy) return Code.INVALID_CHAINCODE;
    let chaincodePolicyChecked = false;
    let anyPolicyChecked = false;
    const chaincodePolicyHolds = (): boolean => {
      if (chaincodePolicyChecked) return true;
      chaincodePolicyChecked = anyPolicyChecked = true;
      return applicationPolicyHolds(policy);
    };
    const ns = tx.rwset.find((n) => n.namespace === name);
    try {
      for (const key of ns ? writtenKeys(ns) : []) {
        if (scope.metadataWrittenInBlock.has(`${name}\u0000${key}`)) return Code.ENDORSEMENT_POLICY_FAILURE;
        const keyPolicy = scope.committed.get(name, key)?.metadata?.[VALIDATION_PARAMETER];
        if (keyPolicy) {
          anyPolicyChecked = true;
          if (!keyPolicyHolds(keyPolicy)) return Code.ENDORSEMENT_POLICY_FAILURE;
        } else if (!chaincodePolicyHolds()) {
          return Code.ENDORSEMENT_POLICY_FAILURE;
        }
      }
      if (!anyPolicyChecked && !chaincodePolicyHolds()) return Code.ENDORSEMENT_POLICY_FAILURE;
    } catch {
      return Code.INVALID_OTHER_REASON; // an undecodable chaincode endorsement policy
    }
  }
  return Code.VALID;
}
