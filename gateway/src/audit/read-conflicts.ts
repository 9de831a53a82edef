import { createHash } from 'node:crypto';
import { ledger, peer } from '@hyperledger/fabric-protos';
import { versionOf, type NamespaceRwset, type ReadVersion } from '../verify/rwset-parse';
import type { BlockOverlay } from './block-overlay';
import {
  NO_HASHED_RWSETS,
  printableHashed,
  type CollectionHashedRwset,
  type HashedRwsets,
} from './hashed-rwset';
import type { StateEntry, StateView } from './world-state';

const Code = peer.TxValidationCode;
const { kvrwset } = ledger.rwset;

/** The outcome of re-checking a transaction's reads against the replayed state. */
export interface ReadCheck {
  readonly code: number;
  readonly reason: string;
}

/** True when both versions are absent or name the same write. */
export const sameVersion = (a: ReadVersion | undefined, b: ReadVersion | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.block === b.block && a.tx === b.tx;

/** A version as `(block,tx)`, or `absent`. */
export const show = (v: ReadVersion | undefined): string => (v ? `(${v.block},${v.tx})` : 'absent');

/**
 * Re-runs Fabric's read checks in block order, namespace by namespace: a key read must still be at
 * the version the endorser saw and unwritten by an earlier valid transaction of the block (MVCC); a
 * range scan re-run over the state must give the same keys and versions (phantom reads); a private
 * key read, known by its hash, must still be at its version in the hashed state (MVCC).
 */
export function checkReadConflicts(
  namespaces: readonly NamespaceRwset[],
  state: BlockOverlay,
  hashed: HashedRwsets = NO_HASHED_RWSETS,
): ReadCheck {
  for (const ns of namespaces) {
    for (const read of ns.reads) {
      if (state.touched(ns.namespace, read.key)) {
        return {
          code: Code.MVCC_READ_CONFLICT,
          reason: `${ns.namespace} key ${printable(read.key)} was written earlier in the same block`,
        };
      }
      const now = state.get(ns.namespace, read.key)?.version;
      if (!sameVersion(read.version, now)) {
        return {
          code: Code.MVCC_READ_CONFLICT,
          reason: `${ns.namespace} key ${printable(read.key)} read at ${show(read.version)}, replayed state holds ${show(now)}`,
        };
      }
    }
    for (const info of ns.ranges) {
      if (!rangeStillHolds(state, ns.namespace, info)) {
        return {
          code: Code.PHANTOM_READ_CONFLICT,
          reason: `${ns.namespace} range [${printable(info.getStartKey())}, ${printable(info.getEndKey())}) changed since it was read`,
        };
      }
    }
    for (const c of hashed.get(ns.namespace) ?? []) {
      const conflict = hashedReadConflict(ns.namespace, c, state);
      if (conflict) return { code: Code.MVCC_READ_CONFLICT, reason: conflict };
    }
  }
  return { code: Code.VALID, reason: 'reads match the replayed state' };
}

function hashedReadConflict(ns: string, c: CollectionHashedRwset, state: BlockOverlay): string | undefined {
  for (const read of c.reads) {
    const where = printableHashed(ns, c.collection, read.keyHash);
    if (state.touchedHashed(ns, c.collection, read.keyHash))
      return `${where} was written earlier in the same block`;
    const now = state.getHashed(ns, c.collection, read.keyHash)?.version;
    if (!sameVersion(read.version, now))
      return `${where} read at ${show(read.version)}, replayed hashed state holds ${show(now)}`;
  }
  return undefined;
}

function rangeStillHolds(
  state: BlockOverlay,
  ns: string,
  info: ledger.rwset.kvrwset.RangeQueryInfo,
): boolean {
  const now = rangeResults(state, ns, info);
  const summary = info.getReadsMerkleHashes();
  if (summary) return summaryMatches(now, summary);
  const recorded = info.getRawReads()?.getKvReadsList() ?? [];
  if (recorded.length !== now.length) return false;
  return now.every(([key, entry], i) => {
    const r = recorded[i];
    return r !== undefined && r.getKey() === key && sameVersion(versionOf(r.getVersion()), entry.version);
  });
}

/**
 * What a range scan gives on a state: the keys in [start, end), and the end key itself when the
 * scan stopped early (Fabric then records the last key it read as the range's end).
 */
export function rangeResults(
  state: StateView,
  ns: string,
  info: ledger.rwset.kvrwset.RangeQueryInfo,
): [string, StateEntry][] {
  const end = info.getEndKey();
  const results = state.range(ns, info.getStartKey(), end);
  const last = !info.getItrExhausted() && end !== '' ? state.get(ns, end) : undefined;
  if (last) results.push([end, last]);
  return results;
}

/** Whether results hash to the Merkle summary a peer recorded for a long range scan. */
export function summaryMatches(
  results: readonly [string, StateEntry][],
  summary: ledger.rwset.kvrwset.QueryReadsMerkleSummary,
): boolean {
  const rebuilt = merkleHashes(results, summary.getMaxDegree());
  return (
    rebuilt !== undefined &&
    rebuilt.level === summary.getMaxLevel() &&
    sameHashes(rebuilt.hashes, summary.getMaxLevelHashesList_asU8())
  );
}

function sameHashes(a: Buffer[], b: Uint8Array[]): boolean {
  return a.length === b.length && a.every((h, i) => h.equals(b[i] ?? new Uint8Array()));
}

/**
 * Fabric's Merkle summary of a long range scan: reads are serialized as `QueryReads` in groups of
 * `degree + 1` and hashed into level-1 hashes; any level holding more than `degree` hashes is
 * hashed into one hash of the level above; at the end every lower level is carried up to the top.
 * @returns undefined when the results are few enough to be kept raw
 */
export function merkleHashes(
  results: readonly [string, StateEntry][],
  degree: number,
): { level: number; hashes: Buffer[] } | undefined {
  if (results.length <= degree) return undefined;
  const hash = (parts: readonly Uint8Array[]): Buffer =>
    parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
  const levels: Buffer[][] = [[]];
  const push = (level: number, h: Buffer): void => {
    (levels[level] ??= []).push(h);
    const here = levels[level] ?? [];
    if (here.length > degree) {
      levels[level] = [];
      push(level + 1, hash(here));
    }
  };
  for (let i = 0; i < results.length; i += degree + 1) {
    const batch = new kvrwset.QueryReads();
    batch.setKvReadsList(results.slice(i, i + degree + 1).map(([key, e]) => kvRead(key, e.version)));
    push(0, hash([batch.serializeBinary()]));
  }
  let top = levels.length - 1;
  for (let level = 0; level < top; level++) {
    const here = levels[level] ?? [];
    if (here.length === 0) continue;
    (levels[level + 1] ??= []).push(here.length === 1 ? (here[0] ?? Buffer.alloc(0)) : hash(here));
  }
  let hashes = levels[top] ?? [];
  if (hashes.length > degree) {
    hashes = [hash(hashes)];
    top++;
  }
  return { level: top + 1, hashes };
}

function kvRead(key: string, v: ReadVersion): ledger.rwset.kvrwset.KVRead {
  const read = new kvrwset.KVRead();
  read.setKey(key);
  const version = new kvrwset.Version();
  version.setBlockNum(v.block);
  version.setTxNum(v.tx);
  read.setVersion(version);
  return read;
}

/** A key as a person can read it: composite-key separators shown as `·`. */
export function printable(key: string): string {
  return key.split('\u0000').join('·').split('\u{10FFFF}').join('∞');
}
