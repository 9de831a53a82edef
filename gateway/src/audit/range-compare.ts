import type { ledger } from '@hyperledger/fabric-protos';
import { versionOf, type ReadVersion } from '../verify/rwset-parse';
import { compareKeys, type StateEntry, type StateView } from './world-state';
import { rangeResults, sameVersion, summaryMatches } from './read-conflicts';

/** A key of a range scan whose version differs between the peer's answer and the rebuilt state (absent on one side). */
export interface RangeKeyDifference {
  readonly key: string;
  readonly theirs: ReadVersion | undefined;
  readonly ours: StateEntry | undefined;
}

/** How one range scan a peer signed compares with the same scan of the rebuilt state. */
export interface RangeComparison {
  /** Keys on either side (for raw results; the replay's keys for a Merkle summary). */
  readonly keys: readonly string[];
  readonly differences: readonly RangeKeyDifference[];
  /** For a long scan the peer signed only as a Merkle summary: whether the replay's keys hash to it. */
  readonly summaryMatches?: boolean;
}

/**
 * Compares a range scan a peer signed with the same scan over the rebuilt state, both ways: a key
 * the peer returned that the replay lacks, a key the replay holds that the peer did not return,
 * and a key at another version are all differences. A scan recorded as a Merkle summary names no
 * keys: then the replay's results must hash to the same summary.
 */
export function compareRange(
  state: StateView,
  ns: string,
  info: ledger.rwset.kvrwset.RangeQueryInfo,
): RangeComparison {
  const ours = rangeResults(state, ns, info);
  const summary = info.getReadsMerkleHashes();
  if (summary)
    return { keys: ours.map(([k]) => k), differences: [], summaryMatches: summaryMatches(ours, summary) };
  const theirs = new Map(
    (info.getRawReads()?.getKvReadsList() ?? []).map((r) => [r.getKey(), versionOf(r.getVersion())] as const),
  );
  const mine = new Map(ours);
  const keys = [...new Set([...theirs.keys(), ...mine.keys()])].sort(compareKeys);
  const differences = keys
    .map((key) => ({ key, theirs: theirs.get(key), ours: mine.get(key) }))
    .filter((d) => !sameVersion(d.theirs, d.ours?.version));
  return { keys, differences };
}
