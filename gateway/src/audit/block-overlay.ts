import type { NamespaceRwset, ReadVersion } from '../verify/rwset-parse';
import { compareKeys, type StateEntry, type StateView, type WorldState } from './world-state';

interface PendingHistory {
  ns: string;
  key: string;
  version: ReadVersion;
  txId: string;
  isDelete: boolean;
  value: Uint8Array;
}

/**
 * The state as the validation of one block sees it: committed state plus the writes of the
 * block's earlier valid transactions. Committing folds those writes into the world state.
 */
export class BlockOverlay implements StateView {
  /** Pending entries by namespace; null marks a delete. */
  readonly #pending = new Map<string, Map<string, StateEntry | null>>();
  readonly #history: PendingHistory[] = [];

  constructor(private readonly base: WorldState) {}

  /** True when an earlier valid transaction of the block wrote the key (value or delete). */
  touched(ns: string, key: string): boolean {
    return this.#pending.get(ns)?.has(key) ?? false;
  }

  get(ns: string, key: string): StateEntry | undefined {
    const p = this.#pending.get(ns);
    if (p?.has(key)) return p.get(key) ?? undefined;
    return this.base.get(ns, key);
  }

  range(ns: string, start: string, end: string): [string, StateEntry][] {
    const p = this.#pending.get(ns);
    const committed = this.base.range(ns, start, end);
    if (!p || p.size === 0) return committed;
    const merged = new Map(committed);
    for (const [k, v] of p) {
      if (compareKeys(k, start) < 0 || (end !== '' && compareKeys(k, end) >= 0)) continue;
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    return [...merged.entries()].sort(([a], [b]) => compareKeys(a, b));
  }

  /**
   * Applies a valid transaction's writes as Fabric does: a value write keeps the key's metadata,
   * a delete drops both, a metadata write on a missing key is a no-op.
   */
  apply(namespaces: readonly NamespaceRwset[], version: ReadVersion, txId: string): void {
    for (const ns of namespaces) {
      const metadataByKey = new Map(ns.metadataWrites.map((m) => [m.key, m.entries]));
      for (const w of ns.writes) {
        this.#history.push({ ns: ns.namespace, key: w.key, version, txId, isDelete: w.isDelete, value: w.value });
        if (w.isDelete) {
          this.#set(ns.namespace, w.key, null);
          continue;
        }
        const metadata = metadataByKey.has(w.key) ? metadataByKey.get(w.key) : this.get(ns.namespace, w.key)?.metadata;
        this.#set(ns.namespace, w.key, withMetadata({ value: w.value, version, txId }, metadata));
      }
      const written = new Set(ns.writes.map((w) => w.key));
      for (const m of ns.metadataWrites) {
        if (written.has(m.key)) continue;
        const current = this.get(ns.namespace, m.key);
        if (!current) continue;
        this.#set(ns.namespace, m.key, withMetadata({ value: current.value, version, txId }, m.entries));
      }
    }
  }

  /** Folds the block's writes and history into the world state. */
  commit(): void {
    for (const [ns, m] of this.#pending) {
      for (const [k, v] of m) {
        if (v) this.base.put(ns, k, v);
        else this.base.delete(ns, k);
      }
    }
    for (const h of this.#history) this.base.record(h.ns, h.key, { version: h.version, txId: h.txId, isDelete: h.isDelete, value: h.value });
  }

  #set(ns: string, key: string, entry: StateEntry | null): void {
    let m = this.#pending.get(ns);
    if (!m) this.#pending.set(ns, (m = new Map<string, StateEntry | null>()));
    m.set(key, entry);
  }
}

function withMetadata(entry: StateEntry, metadata: ReadonlyMap<string, Uint8Array> | undefined): StateEntry {
  return metadata && metadata.size > 0 ? { ...entry, metadata } : entry;
}
