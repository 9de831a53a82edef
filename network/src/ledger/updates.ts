import type { BlockCommit, HistoryEntry, StateReader, TxLocation, VersionedValue, WriteSet } from './types';

/** One key's state after the block: a new value, or undefined when deleted. */
export interface StateUpdate {
  ns: string;
  key: string;
  value: VersionedValue | undefined;
}

/** Everything a block changes in the state store, computed before anything is written. */
export interface LedgerUpdates {
  blockNum: number;
  /** Final state per touched key, in first-touch order. */
  state: StateUpdate[];
  history: { ns: string; key: string; entry: HistoryEntry }[];
  txIndex: { txId: string; location: TxLocation }[];
}

function normalizeMetadata(metadata: Record<string, Uint8Array>): Record<string, Uint8Array> | undefined {
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}

/**
 * The value a write leaves (Fabric tx_ops.go): a value-only write keeps the existing metadata, a
 * delete removes value and metadata, a metadata-only write keeps the value and is a no-op on a
 * missing key (returns `existing` unchanged).
 */
function applyWrite(
  existing: VersionedValue | undefined,
  write: WriteSet,
  blockNum: number,
  txNum: number,
): VersionedValue | undefined {
  const version = { blockNum, txNum };
  if (write.metadataOnly) {
    if (!existing) return existing;
    const metadata = normalizeMetadata(write.metadata ?? {});
    return metadata ? { value: existing.value, version, metadata } : { value: existing.value, version };
  }
  if (write.value === undefined) return undefined;
  const metadata = write.metadata == null ? existing?.metadata : normalizeMetadata(write.metadata);
  return metadata ? { value: write.value, version, metadata } : { value: write.value, version };
}

/**
 * Computes the state, history and tx-index changes of a validated block against committed
 * state: writes apply in block order over the earlier writes of the same block; history records
 * value writes and deletes (not metadata-only writes); the tx index keeps the first occurrence
 * of an id, in the ledger or earlier in the block.
 */
export function computeUpdates(
  state: StateReader,
  isIndexed: (txId: string) => boolean,
  commit: BlockCommit,
): LedgerUpdates {
  const blockNum = commit.block.getHeader()?.getNumber() ?? 0;
  const touched = new Map<string, StateUpdate>();
  const history: LedgerUpdates['history'] = [];
  for (const tx of commit.writes) {
    for (const write of tx.writes) {
      const id = `${write.ns}\u0000${write.key}`;
      const pending = touched.get(id);
      const existing = pending ? pending.value : state.get(write.ns, write.key);
      const value = applyWrite(existing, write, blockNum, tx.txNum);
      if (value !== existing) touched.set(id, { ns: write.ns, key: write.key, value });
      if (write.metadataOnly) continue;
      const entry: HistoryEntry = {
        txId: tx.txId,
        value: write.value ?? new Uint8Array(0),
        isDelete: write.value === undefined,
        timestamp: tx.timestamp,
        blockNum,
        txNum: tx.txNum,
      };
      history.push({ ns: write.ns, key: write.key, entry });
    }
  }
  const seen = new Set<string>();
  const txIndex: LedgerUpdates['txIndex'] = [];
  for (const { txId, txNum, code } of commit.txIds) {
    if (txId === '' || seen.has(txId) || isIndexed(txId)) continue;
    seen.add(txId);
    txIndex.push({ txId, location: { blockNum, txNum, code } });
  }
  return { blockNum, state: [...touched.values()], history, txIndex };
}
