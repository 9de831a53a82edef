import { createHash } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import { evaluatePolicyPath, type ChannelConfigView } from '../verify/channel-config';
import type { ValidIdentity } from '../verify/msp';
import type { HashedEntry } from './hashed-state';
import { LIFECYCLE_NAMESPACE, replayedDefinition } from './chaincode-definitions';
import { applicationGroups, implicitCollection } from './collection-policies';
import type { PreparedTx } from './prepare-block';
import type { Anomaly } from './types';
import type { StateView, WorldState } from './world-state';

/** Public reads and hashed reads of a state: a block overlay, or the committed world. */
export interface ApprovalView extends StateView {
  getHashed(ns: string, collection: string, keyHash: Uint8Array): HashedEntry | undefined;
}

/** The committed world as an {@link ApprovalView}. */
export function worldView(world: WorldState): ApprovalView {
  return {
    get: (ns, key) => world.get(ns, key),
    range: (ns, start, end) => world.range(ns, start, end),
    getHashed: (ns, c, h) => world.hashed.get(ns, c, h),
  };
}

/** The channel policy a chaincode definition's commit must satisfy. */
export const LIFECYCLE_ENDORSEMENT = '/Channel/Application/LifecycleEndorsement';

/** The fields of an org's approval (`ChaincodeParameters`), as Fabric's lifecycle serializes them. */
const PARAMETER_FIELDS = ['EndorsementInfo', 'ValidationInfo', 'Collections'] as const;

/** A chaincode definition the replay saw committed, with the approvals it could check from hashes. */
export interface DefinitionCommit {
  readonly name: string;
  readonly sequence: number;
  readonly version: string;
  readonly block: number;
  readonly tx: number;
  readonly txId: string;
  /** `checked`: the ledger holds the orgs' approvals as hashes; `not-recorded`: the commit read none (a lifecycle without approvals). */
  readonly approvals: 'checked' | 'not-recorded';
  /** Application orgs whose implicit collection holds an approval of exactly this definition. */
  readonly approvedBy: readonly string[];
  /** The application orgs of the channel at the commit. */
  readonly orgs: readonly string[];
  /** Orgs whose endorsement of the commit verified. */
  readonly endorsedBy: readonly string[];
}

const sha256 = (b: Uint8Array | string): Buffer => createHash('sha256').update(b).digest();

/** Names of the chaincodes whose definition a `_lifecycle` write set commits (it always writes their `Sequence`). */
function committedNames(tx: PreparedTx): string[] {
  const ns = tx.action?.namespaces.find((n) => n.namespace === LIFECYCLE_NAMESPACE);
  return (ns?.writes ?? []).flatMap((w) => {
    const m = /^namespaces\/fields\/([^/]+)\/Sequence$/.exec(w.key);
    return m?.[1] !== undefined && !w.isDelete ? [m[1]] : [];
  });
}

/**
 * The hash an approval must hold under each private key: an approval of `<name>#<sequence>`
 * serializes the same `EndorsementInfo`, `ValidationInfo` and `Collections` bytes the commit
 * writes publicly, plus a `StateMetadata` naming the `ChaincodeParameters` type and its fields.
 */
function expectedApproval(state: ApprovalView, name: string, sequence: number): Map<string, Buffer> {
  const privateName = `${name}#${sequence}`;
  const metadata = new peer.lifecycle.StateMetadata();
  metadata.setDatatype('ChaincodeParameters');
  metadata.setFieldsList([...PARAMETER_FIELDS]);
  const expected = new Map<string, Buffer>([
    [`namespaces/metadata/${privateName}`, sha256(metadata.serializeBinary())],
  ]);
  for (const field of PARAMETER_FIELDS) {
    const value =
      state.get(LIFECYCLE_NAMESPACE, `namespaces/fields/${name}/${field}`)?.value ?? new Uint8Array();
    expected.set(`namespaces/fields/${privateName}/${field}`, sha256(value));
  }
  return expected;
}

/**
 * The orgs (of `orgs`) that approved the definition of `name` at `sequence` as it stands in
 * `state`: every key of the org's approval in its implicit collection holds the hash of the
 * definition's value, as checkcommitreadiness compares them.
 */
export function approvingOrgs(
  state: ApprovalView,
  name: string,
  sequence: number,
  orgs: readonly string[],
): string[] {
  const expected = expectedApproval(state, name, sequence);
  return orgs.filter((mspId) =>
    [...expected].every(([key, hash]) => {
      const held = state.getHashed(LIFECYCLE_NAMESPACE, implicitCollection(mspId), sha256(key));
      return held !== undefined && hash.equals(held.valueHash);
    }),
  );
}

/**
 * Checks a valid `_lifecycle` commit the way checkcommitreadiness counts approvals, from hashes
 * alone: an org approved when every key of its approval of `<name>#<sequence>` in its implicit
 * collection holds the hash of the committed value. Fabric's peers endorse a commit only when
 * their own org approved, so every endorsing org must have approved and the endorsements of
 * approving orgs must satisfy LifecycleEndorsement; a commit that fails either is reported (its
 * code stands: Fabric's committer does not look at approvals).
 * Call it once the commit's writes are in the block overlay.
 */
export function checkDefinitionCommit(
  tx: PreparedTx,
  at: { block: number; tx: number; txId: string },
  endorsers: readonly ValidIdentity[],
  state: ApprovalView,
  config: ChannelConfigView,
): { commits: DefinitionCommit[]; anomalies: Anomaly[] } {
  const commits: DefinitionCommit[] = [];
  const anomalies: Anomaly[] = [];
  const readsApprovals = (tx.hashed.get(LIFECYCLE_NAMESPACE) ?? []).some((c) => c.reads.length > 0);
  const orgs = [...applicationGroups(config).keys()].sort();
  const endorsedBy = [...new Set(endorsers.map((e) => e.mspId))].sort();
  for (const name of committedNames(tx)) {
    const def = replayedDefinition(state, name);
    if (!def) continue;
    const approvedBy = approvingOrgs(state, name, def.sequence, orgs);
    const commit: DefinitionCommit = {
      name,
      sequence: def.sequence,
      version: def.version,
      ...at,
      approvals: readsApprovals ? 'checked' : 'not-recorded',
      approvedBy,
      orgs,
      endorsedBy,
    };
    commits.push(commit);
    if (!readsApprovals) continue;
    const unapproved = endorsedBy.filter((mspId) => !approvedBy.includes(mspId));
    const outcome = evaluatePolicyPath(
      config,
      LIFECYCLE_ENDORSEMENT,
      endorsers.filter((e) => approvedBy.includes(e.mspId)),
    );
    if (unapproved.length > 0 || !outcome.satisfied) {
      anomalies.push({
        ...at,
        check: 'lifecycle-approvals',
        detail: `${unapproved.join(', ') || 'no org'} endorsed the commit of ${name} sequence ${def.sequence} without an approval of that definition in its implicit collection (approved by ${approvedBy.join(', ') || 'no org'} of ${orgs.join(', ')}); counted over the approving orgs' endorsements, ${outcome.explanation}`,
        severity: 'error',
      });
    }
  }
  return { commits, anomalies };
}
