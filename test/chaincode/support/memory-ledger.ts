/**
 * The committed side of an in-memory peer: world state with versions and key metadata,
 * key history with transaction timestamps, and the chaincode event of every committed
 * transaction. Transactions change it only through {@link MemoryLedger.commit}, all at once.
 */

/** The key-metadata name Fabric uses for key-level endorsement policies. */
export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/** One committed key. */
export interface StateEntry {
  value: Buffer;
  /** Number of the committing transaction (like a block/tx height). */
  version: number;
}

/** One modification of a key, as the history database keeps it. */
export interface KeyModificationRecord {
  txId: string;
  timestamp: Date;
  value: Buffer;
  isDelete: boolean;
}

/** What a successful transaction changes. */
export interface WriteSet {
  txId: string;
  timestamp: Date;
  /** Key -> new value, or null for a delete. */
  writes: Map<string, Buffer | null>;
  /** Key -> metadata name -> value. */
  metadata: Map<string, Map<string, Buffer>>;
  event?: { name: string; payload: Buffer };
}

/** A committed chaincode event. */
export interface CommittedEvent {
  txId: string;
  name: string;
  payload: Buffer;
}

/** Compares keys in UTF-8 byte order, as LevelDB does. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Committed ledger state of one channel/chaincode namespace. */
export class MemoryLedger {
  readonly #state = new Map<string, StateEntry>();
  readonly #metadata = new Map<string, Map<string, Buffer>>();
  readonly #history = new Map<string, KeyModificationRecord[]>();
  readonly #events: CommittedEvent[] = [];
  #height = 0;

  /** Number of committed transactions. */
  get height(): number {
    return this.#height;
  }

  /** The committed value of `key`. */
  get(key: string): Buffer | undefined {
    return this.#state.get(key)?.value;
  }

  /** The committed metadata `name` of `key`. */
  metadata(key: string, name: string): Buffer | undefined {
    return this.#metadata.get(key)?.get(name);
  }

  /** Committed keys in [start, end) by UTF-8 byte order (`end` '' = unbounded). */
  range(start: string, end: string): { key: string; value: Buffer }[] {
    return [...this.#state.entries()]
      .filter(([key]) => compareKeys(key, start) >= 0 && (end === '' || compareKeys(key, end) < 0))
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, entry]) => ({ key, value: entry.value }));
  }

  /** Every modification of `key`, newest first (as Fabric 2.x answers). */
  history(key: string): KeyModificationRecord[] {
    return [...(this.#history.get(key) ?? [])].reverse();
  }

  /** Committed chaincode events, oldest first. */
  get events(): readonly CommittedEvent[] {
    return this.#events;
  }

  /** A copy of the whole state (key -> UTF-8 text), for "nothing changed" assertions. */
  snapshot(): Map<string, string> {
    return new Map([...this.#state.entries()].map(([key, entry]) => [key, entry.value.toString('utf8')]));
  }

  /** Applies a successful transaction's writes, metadata and event atomically. */
  commit(set: WriteSet): void {
    this.#height += 1;
    for (const [key, value] of set.writes) {
      const history = this.#history.get(key) ?? [];
      history.push({
        txId: set.txId,
        timestamp: set.timestamp,
        value: value ?? Buffer.alloc(0),
        isDelete: value === null,
      });
      this.#history.set(key, history);
      if (value === null) {
        this.#state.delete(key);
        this.#metadata.delete(key);
      } else {
        this.#state.set(key, { value, version: this.#height });
      }
    }
    for (const [key, entries] of set.metadata) {
      const current = this.#metadata.get(key) ?? new Map<string, Buffer>();
      for (const [name, value] of entries) current.set(name, value);
      this.#metadata.set(key, current);
    }
    if (set.event !== undefined) this.#events.push({ txId: set.txId, ...set.event });
  }
}
