import { common, peer } from '@hyperledger/fabric-protos';
import type { ValidIdentity } from '../verify/msp';
import { satisfiesSignaturePolicy } from '../verify/policy';
import type { NamespaceRwset } from '../verify/rwset-parse';
import { evaluateChaincodePolicy } from '../verify/transaction-checks';
import { LIFECYCLE_NAMESPACE, replayedDefinition, type ReplayedDefinition } from './chaincode-definitions';
import { collectionPolicy } from './collection-policies';
import {
  hashHex,
  printableHashed,
  writesHashes,
  type CollectionHashedRwset,
  type HashedRwsets,
} from './hashed-rwset';
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

/** The id under which a private key's metadata write counts for the same-block rule (no public id has `\u0001` after the namespace). */
export const hashedMetadataId = (ns: string, collection: string, keyHash: Uint8Array): string =>
  `${ns}\u0001${collection}\u0000${hashHex(keyHash)}`;

type Outcome = { code: number; reason: string } | undefined;

/**
 * Checks the endorsers against the policies in force at this block, as Fabric's v20 validation
 * with state-based endorsement does: for the invoked chaincode and every other namespace written
 * (values, metadata, or hashes in a collection), each written key needs its committed key-level
 * policy (`VALIDATION_PARAMETER`) if it has one; else a public key needs the chaincode policy from
 * the replayed definition, and a private key its collection's policy (an implicit collection: its
 * org's `Endorsement` policy), or the chaincode's when the collection has none. A namespace where
 * nothing was checked still needs the chaincode policy; a key whose policy an earlier transaction
 * of the block changed fails.
 */
export function checkEndorsementPolicies(
  invoked: string,
  written: readonly NamespaceRwset[],
  all: readonly NamespaceRwset[],
  hashed: HashedRwsets,
  endorsers: readonly ValidIdentity[],
  scope: ValidationScope,
): { code: number; reason: string } {
  const writtenHashes = [...hashed].filter(([, cs]) => cs.some(writesHashes)).map(([ns]) => ns);
  const names = [...new Set([invoked, ...written.map((n) => n.namespace), ...writtenHashes])];
  const explained: string[] = [];
  for (const name of names) {
    const definition = name === LIFECYCLE_NAMESPACE ? undefined : replayedDefinition(scope.committed, name);
    const policy = name === LIFECYCLE_NAMESPACE ? LIFECYCLE_POLICY : definition?.policy;
    if (!policy)
      return {
        code: Code.INVALID_CHAINCODE,
        reason: `chaincode ${name} is not defined in the replayed _lifecycle state`,
      };
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
    const keys = new Set([
      ...(ns?.writes.map((w) => w.key) ?? []),
      ...(ns?.metadataWrites.map((m) => m.key) ?? []),
    ]);
    for (const key of keys) {
      if (scope.metadataWrittenInBlock.has(`${name}\u0000${key}`)) {
        return {
          code: Code.ENDORSEMENT_POLICY_FAILURE,
          reason: `${name} key ${printable(key)}: its key-level policy was changed earlier in the same block`,
        };
      }
      const keyPolicy = scope.committed.get(name, key)?.metadata?.get(VALIDATION_PARAMETER);
      if (keyPolicy && keyPolicy.length > 0) {
        anyChecked = true;
        if (!keyPolicyHolds(keyPolicy, endorsers)) {
          return {
            code: Code.ENDORSEMENT_POLICY_FAILURE,
            reason: `${name} key ${printable(key)}: key-level policy not satisfied by ${who(endorsers)}`,
          };
        }
      } else {
        const o = chaincodePolicy();
        if (!o.ok)
          return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name} key ${printable(key)}: ${o.why}` };
      }
    }
    const collections = new Set<string>();
    for (const c of hashed.get(name) ?? []) {
      const failed = checkCollection(name, c, definition, endorsers, scope, {
        chaincodePolicy,
        checked: collections,
        marked: (why) => {
          anyChecked = true;
          if (why) explained.push(why);
        },
      });
      if (failed) return failed;
    }
    if (!anyChecked) {
      const o = chaincodePolicy();
      if (!o.ok) return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${name}: ${o.why}` };
    }
  }
  return {
    code: Code.VALID,
    reason: explained.join('; ') || `key-level policies satisfied by ${who(endorsers)}`,
  };
}

interface CollectionChecks {
  readonly chaincodePolicy: () => { ok: boolean; why: string };
  /** Collections whose own policy was already evaluated for this transaction. */
  readonly checked: Set<string>;
  /** Records that a policy was checked (with its explanation, when new). */
  readonly marked: (why: string | undefined) => void;
}

/** The key-level, collection or chaincode policies of one collection's hashed writes. */
function checkCollection(
  ns: string,
  c: CollectionHashedRwset,
  definition: ReplayedDefinition | undefined,
  endorsers: readonly ValidIdentity[],
  scope: ValidationScope,
  checks: CollectionChecks,
): Outcome {
  for (const keyHash of [...c.writes.map((w) => w.keyHash), ...c.metadataWrites.map((m) => m.keyHash)]) {
    const where = printableHashed(ns, c.collection, keyHash);
    if (scope.metadataWrittenInBlock.has(hashedMetadataId(ns, c.collection, keyHash))) {
      return {
        code: Code.ENDORSEMENT_POLICY_FAILURE,
        reason: `${where}: its key-level policy was changed earlier in the same block`,
      };
    }
    const keyPolicy = scope.committed.hashed
      .get(ns, c.collection, keyHash)
      ?.metadata?.get(VALIDATION_PARAMETER);
    if (keyPolicy && keyPolicy.length > 0) {
      checks.marked(undefined);
      if (!keyPolicyHolds(keyPolicy, endorsers))
        return {
          code: Code.ENDORSEMENT_POLICY_FAILURE,
          reason: `${where}: key-level policy not satisfied by ${who(endorsers)}`,
        };
      continue;
    }
    if (checks.checked.has(c.collection)) continue;
    const own = collectionPolicy(scope.config, definition, c.collection);
    if (own.kind === 'undefined')
      return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${ns}/${c.collection}: ${own.reason}` };
    if (own.kind === 'chaincode') {
      const o = checks.chaincodePolicy();
      if (!o.ok) return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${where}: ${o.why}` };
      continue;
    }
    checks.checked.add(c.collection);
    const o = evaluateChaincodePolicy(scope.config, own.policy, endorsers);
    checks.marked(`${ns}/${c.collection} (${own.source}): ${o.explanation}`);
    if (!o.satisfied) return { code: Code.ENDORSEMENT_POLICY_FAILURE, reason: `${where}: ${o.explanation}` };
  }
  return undefined;
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
