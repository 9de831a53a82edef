import type { ReadVersion } from '../verify/rwset-parse';
import { HashedState } from './hashed-state';

/** A value the replay derived, with the version and metadata of the write that produced it. */
export interface StateEntry {
  readonly value: Uint8Array;
  readonly version: ReadVersion;
  /** The id of the transaction that wrote the value. */
  readonly txId: string;
  /** Key metadata (e.g. `VALIDATION_PARAMETER`), when any. */
  readonly metadata?: ReadonlyMap<string, Uint8Array>;
}

/** One change of a key by a valid transaction, oldest first in {@link WorldState.history}. */
export interface HistoryEntry {
  readonly version: ReadVersion;
  readonly txId: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** Reads of a state: committed entries and ranges in UTF-8 byte order. */
export interface StateView {
  get(ns: string, key: string): StateEntry | undefined;
  /** Keys in [start, end) by UTF-8 byte order; `end` '' means the end of the namespace. */
  range(ns: string, start: string, end: string): [string, StateEntry][];
}

/** Compares keys as Fabric orders them: by their UTF-8 bytes, not by UTF-16 code units. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Index of the first key not below `start` (binary search: range scans stay cheap on large states). */
function firstAtOrAfter(sorted: readonly string[], start: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid] ?? '', start) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The world state and per-key history rebuilt from valid transactions alone. */
export class WorldState implements StateView {
  /** The private data collections' hashed state (no history: peers keep none for private data). */
  readonly hashed = new HashedState();
  readonly #entries = new Map<string, Map<string, StateEntry>>();
  readonly #sorted = new Map<string, string[]>();
  readonly #history = new Map<string, HistoryEntry[]>();

  get(ns: string, key: string): StateEntry | undefined {
    return this.#entries.get(ns)?.get(key);
  }

  range(ns: string, start: string, end: string): [string, StateEntry][] {
    const entries = this.#entries.get(ns);
    if (!entries) return [];
    const keys = this.#sortedKeys(ns, entries);
    const out: [string, StateEntry][] = [];
    for (let i = firstAtOrAfter(keys, start); i < keys.length; i++) {
      const k = keys[i] ?? '';
      if (end !== '' && compareKeys(k, end) >= 0) break;
      const e = entries.get(k);
      if (e) out.push([k, e]);
    }
    return out;
  }

  /** Namespaces that hold at least one key. */
  namespaces(): string[] {
    return [...this.#entries.keys()].filter((ns) => (this.#entries.get(ns)?.size ?? 0) > 0).sort(compareKeys);
  }

  /** Every key of a namespace with its entry, in UTF-8 byte order. */
  entries(ns: string): [string, StateEntry][] {
    return this.range(ns, '', '');
  }

  /** Every change of a key, oldest first. */
  history(ns: string, key: string): readonly HistoryEntry[] {
    return this.#history.get(`${ns}\u0000${key}`) ?? [];
  }

  /** Sets or replaces a value (metadata kept unless given). */
  put(ns: string, key: string, entry: StateEntry): void {
    let m = this.#entries.get(ns);
    if (!m) this.#entries.set(ns, (m = new Map<string, StateEntry>()));
    if (!m.has(key)) this.#sorted.delete(ns);
    m.set(key, entry);
  }

  /** Removes a key with its metadata. */
  delete(ns: string, key: string): void {
    if (this.#entries.get(ns)?.delete(key)) this.#sorted.delete(ns);
  }

  /** Appends a history entry for a value write of a valid transaction. */
  record(ns: string, key: string, entry: HistoryEntry): void {
    const id = `${ns}\u0000${key}`;
    const list = this.#history.get(id);
    if (list) list.push(entry);
    else this.#history.set(id, [entry]);
  }

  /** Every history list, for checkpoints. */
  allHistory(): IterableIterator<[string, HistoryEntry[]]> {
    return this.#history.entries();
  }

  /** Restores a history list from a checkpoint. */
  restoreHistory(id: string, list: HistoryEntry[]): void {
    this.#history.set(id, list);
  }

  #sortedKeys(ns: string, entries: Map<string, StateEntry>): string[] {
    let keys = this.#sorted.get(ns);
    if (!keys) {
      keys = [...entries.keys()].sort(compareKeys);
      this.#sorted.set(ns, keys);
    }
    return keys;
  }
}
