import { common, peer } from '@hyperledger/fabric-protos';
import type { ValidIdentity } from '../verify/msp';
import { satisfiesSignaturePolicy } from '../verify/policy';
import type { NamespaceRwset } from '../verify/rwset-parse';
import { evaluateChaincodePolicy } from '../verify/transaction-checks';
import { LIFECYCLE_NAMESPACE, replayedDefinition } from './chaincode-definitions';
import { printable } from './read-conflicts';
import type { ValidationScope } from './revalidate';

const Code = peer.TxValidationCode;

/** The metadata entry holding a key-level endorsement policy. */
export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

const LIFECYCLE_POLICY = (() => {
  const p = new peer.ApplicationPolicy();
  p.setChannelConfigPolicyReference('/Channel/Application/LifecycleEndorsement');
  return p;
})();

/**
 * Checks the endorsers against the policies in force at this block, as Fabric's v20 validation
 * with state-based endorsement does: for the invoked chaincode and every other namespace written,
 * each written key needs its committed key-level policy (`VALIDATION_PARAMETER`) if it has one,
 * else the chaincode policy from the replayed definition; a namespace where nothing was checked
 * still needs the chaincode policy; a key whose policy an earlier transaction of the block changed
 * fails.
 */
export function checkEndorsementPolicies(
  invoked: string,
  written: readonly NamespaceRwset[],
  all: readonly NamespaceRwset[],
  endorsers: readonly ValidIdentity[],
  scope: ValidationScope,
): { code: number; reason: string } {
  const names = [invoked, ...written.map((n) => n.namespace).filter((n) => n !== invoked)];
  const explained: string[] = [];
  for (const name of names) {
    const policy = name === LIFECYCLE_NAMESPACE ? LIFECYCLE_POLICY : replayedDefinition(scope.committed, name)?.policy;
    if (!policy) return { code: Code.INVALID_CHAINCODE, reason: `chaincode ${name} is not defined in the replayed _lifecycle state` };
    let chaincodeChecked = false;
    let anyChecked = false;
    const chaincodePolicy = (): { ok: boolean; why: string } => {
      if (chaincodeChecked) return { ok: true, why: '' };
      chaincodeChecked = anyChecked = true;
      const o = evaluateChaincodePolicy(scope.config, policy, endorsers);
      explained.push(`${name}: ${o.explanation}`);
      return { ok: o.satisfied, why: o.explanation };
    };
    const ns = all.find((n) => n.namespace === name);
    const keys = new Set([...(ns?.writes.map((w) => w.key) ?? []), ...(ns?.metadataWrites.map((m) => m.key) ?? [])]);
    for (const key of keys) {
      if (scope.metadataWrittenInBlock.has(`${name}\u0000${key}`)) {
        return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name} key ${printable(key)}: its key-level policy was changed earlier in the same block` };
      }
      const keyPolicy = scope.committed.get(name, key)?.metadata?.get(VALIDATION_PARAMETER);
      if (keyPolicy && keyPolicy.length > 0) {
        anyChecked = true;
        if (!keyPolicyHolds(keyPolicy, endorsers)) {
          return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name} key ${printable(key)}: key-level policy not satisfied by ${who(endorsers)}` };
        }
      } else {
        const o = chaincodePolicy();
        if (!o.ok) return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name} key ${printable(key)}: ${o.why}` };
      }
    }
    if (!anyChecked) {
      const o = chaincodePolicy();
      if (!o.ok) return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name}: ${o.why}` };
    }
  }
  return { code: Code.VALID, reason: explained.join('; ') || `key-level policies satisfied by ${who(endorsers)}` };
}

function keyPolicyHolds(bytes: Uint8Array, endorsers: readonly ValidIdentity[]): boolean {
  try {
    return satisfiesSignaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(bytes), endorsers);
  } catch {
    return false;
  }
}

function who(ids: readonly ValidIdentity[]): string {
  return ids.length ? ids.map((i) => i.mspId).join(', ') : 'no valid endorser';
}
