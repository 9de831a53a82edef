import type { HistoryEntry, StateReader, VersionedValue } from '@alliance/network/chaincode';
import { MemoryState as LedgerMemoryState } from '@alliance/network/ledger';

/**
 * The ledger's in-memory state plus a history of every write, filled block by block: committed
 * state with versions, metadata, byte-ordered ranges and history newest first, for unit tests
 * that do not need a ledger on disk.
 */
export class MemoryState implements StateReader {
  private readonly state = new LedgerMemoryState();
  private readonly histories = new Map<string, HistoryEntry[]>();
  private blockNum = 0;

  /** Commits one block of writes (each a transaction) with the given timestamp. */
  commit(
    txs: {
      txId: string;
      writes: {
        ns: string;
        key: string;
        value?: string;
        bytes?: Uint8Array;
        metadata?: Record<string, Uint8Array>;
      }[];
    }[],
    timestamp = { seconds: 1_700_000_000, nanos: 0 },
  ): void {
    const blockNum = ++this.blockNum;
    txs.forEach((tx, txNum) => {
      for (const w of tx.writes) {
        const value = w.bytes ?? (w.value === undefined ? undefined : Buffer.from(w.value, 'utf8'));
        const historyKey = `${w.ns}\u0000${w.key}`;
        const history = this.histories.get(historyKey) ?? [];
        this.histories.set(historyKey, history);
        history.unshift({
          txId: tx.txId,
          value: value ?? new Uint8Array(),
          isDelete: !value,
          timestamp,
          blockNum,
          txNum,
        });
        if (!value) {
          this.state.delete(w.ns, w.key);
          continue;
        }
        const metadata = w.metadata ?? this.state.get(w.ns, w.key)?.metadata;
        this.state.put(w.ns, w.key, {
          value,
          version: { blockNum, txNum },
          ...(metadata ? { metadata } : {}),
        });
      }
    });
  }

  get(ns: string, key: string): VersionedValue | undefined {
    return this.state.get(ns, key);
  }

  range(ns: string, start: string, end: string): IterableIterator<[string, VersionedValue]> {
    return this.state.range(ns, start, end);
  }

  history = (ns: string, key: string): HistoryEntry[] => [...(this.histories.get(`${ns}\u0000${key}`) ?? [])];
}
