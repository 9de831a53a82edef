import {
  compareKeys,
  type HistoryEntry,
  type StateReader,
  type VersionedValue,
} from '@alliance/network/chaincode';

/**
 * A committed state held in memory, with the StateReader semantics of the peer ledger: byte-ordered
 * ranges over [start, end), '' end = namespace end, versions and metadata per key, history newest
 * first. Tests use it where a whole ledger on disk would only slow them down.
 */
export class MemoryState implements StateReader {
  private readonly values = new Map<string, Map<string, VersionedValue>>();
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
        const ns = this.namespace(w.ns);
        const history = this.histories.get(`${w.ns}\u0000${w.key}`) ?? [];
        this.histories.set(`${w.ns}\u0000${w.key}`, history);
        const value = w.bytes ?? (w.value === undefined ? undefined : Buffer.from(w.value, 'utf8'));
        history.unshift({
          txId: tx.txId,
          value: value ?? new Uint8Array(),
          isDelete: !value,
          timestamp,
          blockNum,
          txNum,
        });
        if (!value) {
          ns.delete(w.key);
          continue;
        }
        const metadata = w.metadata ?? ns.get(w.key)?.metadata;
        ns.set(w.key, { value, version: { blockNum, txNum }, ...(metadata ? { metadata } : {}) });
      }
    });
  }

  get(ns: string, key: string): VersionedValue | undefined {
    return this.values.get(ns)?.get(key);
  }

  *range(ns: string, start: string, end: string): IterableIterator<[string, VersionedValue]> {
    const entries = [...(this.values.get(ns) ?? new Map<string, VersionedValue>()).entries()]
      .filter(([key]) => compareKeys(key, start) >= 0 && (end === '' || compareKeys(key, end) < 0))
      .sort(([a], [b]) => compareKeys(a, b));
    yield* entries;
  }

  history = (ns: string, key: string): HistoryEntry[] => [...(this.histories.get(`${ns}\u0000${key}`) ?? [])];

  private namespace(ns: string): Map<string, VersionedValue> {
    let map = this.values.get(ns);
    if (!map) {
      map = new Map();
      this.values.set(ns, map);
    }
    return map;
  }
}
