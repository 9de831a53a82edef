import { PendingState, type StateUpdate } from './pending-state';
import type { BlockCommit, HistoryEntry, StateReader, TxLocation } from './types';

/** Everything a block changes in the state store, computed before anything is written. */
export interface LedgerUpdates {
  blockNum: number;
  /** Final state per touched key, in first-touch order. */
  state: StateUpdate[];
  history: { ns: string; key: string; entry: HistoryEntry }[];
  txIndex: { txId: string; location: TxLocation }[];
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
  const pending = new PendingState(state);
  const history: LedgerUpdates['history'] = [];
  for (const tx of commit.writes) {
    for (const write of tx.writes) {
      pending.apply(write, blockNum, tx.txNum);
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
  return { blockNum, state: pending.changes(), history, txIndex };
}
