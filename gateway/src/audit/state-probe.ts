import { common, peer, type ledger } from '@hyperledger/fabric-protos';
import type { AllianceConnection } from '../connect/connection';
import { blockHeaderHash } from '../verify/block-hash';
import { peerLedgerSource } from '../verify/ledger-source';
import type { ReadVersion } from '../verify/rwset-parse';
import { LIFECYCLE_NAMESPACE, replayedDefinition } from './chaincode-definitions';
import { applicationGroups } from './collection-policies';
import { printableHashed } from './hashed-rwset';
import { approvingOrgs, worldView } from './lifecycle-approvals';
import { compareRange } from './range-compare';
import { printable, sameVersion, show } from './read-conflicts';
import type { ReplayState } from './replay-state';
import { askPeer, type ProbeFailure } from './signed-answer';
import { chooseProbes } from './state-probes';
import type { Anomaly } from './types';

/** How the rebuilt state compared with what a peer signed. */
export interface StateComparison {
  /** The org whose peer was asked. */
  readonly peerMspId: string;
  readonly probes: number;
  /** Distinct keys of the namespace whose version the peer signed and the auditor compared. */
  readonly keysCompared: number;
  /** Keys of the rebuilt namespace in total. */
  readonly keysInState: number;
  /** Private keys (known by hash) whose version the peer signed and the auditor compared. */
  readonly hashedKeysCompared: number;
  readonly differences: Anomaly[];
  readonly notes: string[];
}

/**
 * Compares the rebuilt state with a peer's without trusting the peer's word: each probe is a
 * chaincode query sent for endorsement to that peer alone (and never submitted). The peer signs
 * its response, whose read set names every key the query read with the version `(block, tx)` it
 * holds, and every key a range scan returned. The auditor checks the peer's signature, then
 * compares both ways: a key the peer read at another version than the replay's, a key the peer
 * holds that the replay lacks, and a key the replay holds in a scanned range that the peer did not
 * return are all differences. The probes are chosen from both sides too: the chaincode's
 * definition, whole-type listings, every record the replay holds and every key the peers wrote
 * (their blocks say VALID) that the replay refused.
 * @param sample - how many records to probe per record type (undefined: every record)
 */
export async function compareWithPeer(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  sample?: number,
): Promise<StateComparison> {
  const differences: Anomaly[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const compared = new Set<string>();
  const probes = chooseProbes(state, ns, sample);
  const where = writeLocator(state);
  const differ = (what: string, theirs: ReadVersion | undefined, ours: Located | undefined): void => {
    differences.push(versionDifference(conn, what, theirs, ours, where));
  };
  const once = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  let hashedCompared = 0;
  for (const p of probes) {
    const answer = await askPeer(conn, state.config, ns, p);
    if ('failure' in answer) {
      // A peer that knows no definition of a chaincode the replay holds none of either agrees with it.
      if (
        p.chaincode === LIFECYCLE_NAMESPACE &&
        answer.failure === 'refused' &&
        !replayedDefinition(state.world, ns)
      )
        notes.push(`the peer knows no definition of ${ns}, nor does the replay: ${answer.detail}`);
      else differences.push(probeFailure(state, answer));
      continue;
    }
    for (const r of answer.reads) {
      if (!once(`${r.ns}\u0000${r.key}`)) continue;
      if (r.ns === ns) compared.add(r.key);
      const ours = state.world.get(r.ns, r.key);
      if (!sameVersion(ours?.version, r.version)) differ(`${r.ns} key ${printable(r.key)}`, r.version, ours);
    }
    for (const { ns: rns, info } of answer.ranges) {
      const range = compareRange(state.world, rns, info);
      if (rns === ns) range.keys.forEach((k) => compared.add(k));
      for (const d of range.differences)
        if (once(`${rns}\u0000${d.key}`)) differ(`${rns} key ${printable(d.key)}`, d.theirs, d.ours);
      if (range.summaryMatches === false)
        differences.push(summaryDifference(conn, state, rns, info, range.keys.length));
    }
    for (const r of answer.hashed) {
      const id = `${r.ns}\u0001${r.collection}\u0000${Buffer.from(r.keyHash).toString('hex')}`;
      if (!once(id)) continue;
      hashedCompared++;
      const ours = state.world.hashed.get(r.ns, r.collection, r.keyHash);
      if (!sameVersion(ours?.version, r.version))
        differ(printableHashed(r.ns, r.collection, r.keyHash), r.version, ours);
    }
    if (p.chaincode === LIFECYCLE_NAMESPACE) {
      const d = approvalsDifference(conn, state, ns, answer.payload);
      if (d) differences.push(d);
    }
  }
  const peerHash = await chainHash(conn, state, notes);
  if (peerHash) differences.push(peerHash);
  return {
    peerMspId: conn.identity.mspId,
    probes: probes.length,
    keysCompared: compared.size,
    keysInState: state.world.entries(ns).length,
    hashedKeysCompared: hashedCompared,
    differences,
    notes,
  };
}

/** A write of the rebuilt state: where it was made. */
interface Located {
  readonly version: ReadVersion;
  readonly txId: string;
}

/** The id of the transaction at `(block, tx)`, from the replay's transaction list. */
function writeLocator(state: ReplayState): (v: ReadVersion) => string | undefined {
  let byPosition: Map<string, string> | undefined;
  return (v) => {
    byPosition ??= new Map(state.txs.map((t) => [`${t.block}:${t.tx}`, t.txId]));
    return byPosition.get(`${v.block}:${v.tx}`) || undefined;
  };
}

/**
 * A key (public, or private by its hash) the peer signed at another version than the replay's, or
 * that only one side holds: located at the replay's write of the key, else at the write the peer
 * names (with its tx id when the ledger has a transaction there).
 */
function versionDifference(
  conn: AllianceConnection,
  what: string,
  theirs: ReadVersion | undefined,
  ours: Located | undefined,
  txIdAt: (v: ReadVersion) => string | undefined,
): Anomaly {
  const theirTxId = theirs ? txIdAt(theirs) : undefined;
  const at = ours
    ? { block: ours.version.block, tx: ours.version.tx, txId: ours.txId }
    : theirs
      ? { block: theirs.block, tx: theirs.tx, ...(theirTxId ? { txId: theirTxId } : {}) }
      : { block: 0 };
  return {
    ...at,
    check: 'state-version',
    detail: `${conn.identity.mspId}'s peer holds ${what} at ${show(theirs)}; the replay holds it at ${show(ours?.version)}`,
    severity: 'error',
  };
}

/** A long range scan whose Merkle summary the replay's keys do not rebuild. */
function summaryDifference(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  info: ledger.rwset.kvrwset.RangeQueryInfo,
  ourKeys: number,
): Anomaly {
  return {
    block: state.nextBlock - 1,
    check: 'state-range',
    detail: `${conn.identity.mspId}'s peer signed a Merkle summary of ${ns} range [${printable(info.getStartKey())}, ${printable(info.getEndKey())}) that the replay's ${ourKeys} keys there do not rebuild`,
    severity: 'error',
  };
}

/** A probe the peer did not answer with a signed response. */
function probeFailure(state: ReplayState, f: ProbeFailure): Anomaly {
  return f.failure === 'refused'
    ? { block: state.nextBlock, check: 'probe-failed', detail: f.detail, severity: 'warning' }
    : { block: state.nextBlock, check: 'peer-signature', detail: f.detail, severity: 'error' };
}

/**
 * Compares the approvals a peer reports for the chaincode's definition (real Fabric's lifecycle
 * reads them from every org's implicit collection) with those the replay counts from hashes.
 */
function approvalsDifference(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  payload: Uint8Array,
): Anomaly | undefined {
  const def = replayedDefinition(state.world, ns);
  if (!def || !state.config) return undefined;
  const theirs: string[] = [];
  let reported = 0;
  peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(payload)
    .getApprovalsMap()
    .forEach((approved: boolean, mspId: string) => {
      reported++;
      if (approved) theirs.push(mspId);
    });
  // A lifecycle without approvals (the embedded network) reports none.
  if (reported === 0) return undefined;
  const ours = approvingOrgs(worldView(state.world), ns, def.sequence, [
    ...applicationGroups(state.config).keys(),
  ]);
  if (theirs.sort().join(',') === ours.sort().join(',')) return undefined;
  return {
    block: state.nextBlock - 1,
    check: 'lifecycle-approvals',
    detail: `${conn.identity.mspId}'s peer reports ${ns} sequence ${def.sequence} approved by ${theirs.join(', ') || 'no org'}; the replay's hashes say ${ours.join(', ') || 'no org'}`,
    severity: 'error',
  };
}

/** Compares the peer's chain (height and last block hash) with the replayed one. */
async function chainHash(
  conn: AllianceConnection,
  state: ReplayState,
  notes: string[],
): Promise<Anomaly | undefined> {
  const source = peerLedgerSource(conn);
  const height = Number(await source.height());
  if (height < state.nextBlock)
    return {
      block: height,
      check: 'peer-height',
      detail: `the peer's chain has ${height} blocks, the replay ${state.nextBlock}`,
      severity: 'error',
    };
  if (height > state.nextBlock)
    notes.push(
      `the peer has ${height - state.nextBlock} blocks beyond the replay; versions written there show as differences`,
    );
  const last = common.Block.deserializeBinary(await source.blockByNumber(BigInt(state.nextBlock - 1)));
  const header = last.getHeader();
  const ours = state.previousHash;
  if (!header || !ours || !Buffer.from(blockHeaderHash(header)).equals(Buffer.from(ours))) {
    return {
      block: state.nextBlock - 1,
      check: 'peer-chain',
      detail: `the peer's block ${state.nextBlock - 1} is not the replayed one`,
      severity: 'error',
    };
  }
  return undefined;
}
