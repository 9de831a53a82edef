import { createHash } from 'node:crypto';
import { ledger } from '@hyperledger/fabric-protos';

const { kvrwset } = ledger.rwset;

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/**
 * The Merkle summary a Fabric peer records for a range scan that returned more than
 * `maxDegree` results (query_results_helper.go): every `maxDegree + 1` reads are serialized as
 * QueryReads and hashed into a leaf; a level holding more than `maxDegree` hashes is folded into
 * the next; at the end, lower levels fold up to the top. Undefined when the results fit in raw reads.
 */
export function merkleSummary(
  reads: ledger.rwset.kvrwset.KVRead[],
  maxDegree: number,
): ledger.rwset.kvrwset.QueryReadsMerkleSummary | undefined {
  if (reads.length <= maxDegree) return undefined;
  const levels = new Map<number, Buffer[]>();
  let maxLevel = 1;
  const combine = (hashes: Buffer[]): Buffer => sha256(Buffer.concat(hashes));
  const addLeaf = (hash: Buffer): void => {
    levels.set(1, [...(levels.get(1) ?? []), hash]);
    for (let level = 1; (levels.get(level)?.length ?? 0) > maxDegree; level++) {
      const folded = combine(levels.get(level) ?? []);
      levels.delete(level);
      levels.set(level + 1, [...(levels.get(level + 1) ?? []), folded]);
      maxLevel = Math.max(maxLevel, level + 1);
    }
  };
  const hashReads = (batch: ledger.rwset.kvrwset.KVRead[]): Buffer => {
    const queryReads = new kvrwset.QueryReads();
    queryReads.setKvReadsList(batch);
    return sha256(queryReads.serializeBinary());
  };
  let pending: ledger.rwset.kvrwset.KVRead[] = [];
  for (const read of reads) {
    pending.push(read);
    if (pending.length > maxDegree) {
      addLeaf(hashReads(pending));
      pending = [];
    }
  }
  if (pending.length > 0) addLeaf(hashReads(pending));
  for (let level = 1; level < maxLevel; level++) {
    const hashes = levels.get(level) ?? [];
    if (hashes.length === 0) continue;
    levels.delete(level);
    levels.set(level + 1, [
      ...(levels.get(level + 1) ?? []),
      hashes.length === 1 ? (hashes[0] ?? Buffer.alloc(0)) : combine(hashes),
    ]);
  }
  let top = levels.get(maxLevel) ?? [];
  if (top.length > maxDegree) {
    top = [combine(top)];
    maxLevel++;
  }
  const summary = new kvrwset.QueryReadsMerkleSummary();
  summary.setMaxDegree(maxDegree);
  summary.setMaxLevel(maxLevel);
  summary.setMaxLevelHashesList(top);
  return summary;
}
