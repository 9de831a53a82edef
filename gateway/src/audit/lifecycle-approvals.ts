import { createHash } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import { evaluatePolicyPath, type ChannelConfigView } from '../verify/channel-config';
import type { ValidIdentity } from '../verify/msp';
import type { BlockOverlay } from './block-overlay';
import { LIFECYCLE_NAMESPACE, replayedDefinition } from './chaincode-definitions';
import { applicationGroups, implicitCollection } from './collection-policies';
import type { PreparedTx } from './prepare-block';
import type { Anomaly } from './types';

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
function expectedApproval(state: BlockOverlay, name: string, sequence: number): Map<string, Buffer> {
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
 * Checks a valid `_lifecycle` commit the way checkcommitreadiness counts approvals, from hashes
 * alone: an org approved when every key of its approval of `<name>#<sequence>` in its implicit
 * collection holds the hash of the committed value. Fabric's peers endorse a commit only when
 * their own org approved, so the endorsements of approving orgs must satisfy
 * LifecycleEndorsement; a commit carried by endorsers whose orgs had not approved is reported.
 * Call it once the commit's writes are in the block overlay.
 */
export function checkDefinitionCommit(
  tx: PreparedTx,
  at: { block: number; tx: number; txId: string },
  endorsers: readonly ValidIdentity[],
  state: BlockOverlay,
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
    const expected = expectedApproval(state, name, def.sequence);
    const approvedBy = orgs.filter((mspId) =>
      [...expected].every(([key, hash]) => {
        const held = state.getHashed(LIFECYCLE_NAMESPACE, implicitCollection(mspId), sha256(key));
        return held !== undefined && hash.equals(held.valueHash);
      }),
    );
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
    const outcome = evaluatePolicyPath(
      config,
      LIFECYCLE_ENDORSEMENT,
      endorsers.filter((e) => approvedBy.includes(e.mspId)),
    );
    if (!outcome.satisfied) {
      anomalies.push({
        ...at,
        check: 'lifecycle-approvals',
        detail: `${name} sequence ${def.sequence} committed with approvals from ${approvedBy.join(', ') || 'no org'} of ${orgs.join(', ')}, endorsed by ${endorsedBy.join(', ') || 'no org'}: counted over approving orgs' endorsements, ${outcome.explanation}`,
        severity: 'error',
      });
    }
  }
  return { commits, anomalies };
}
