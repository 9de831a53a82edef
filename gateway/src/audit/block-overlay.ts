import type { NamespaceRwset, ReadVersion } from '../verify/rwset-parse';
import { hashHex, type HashedRwsets } from './hashed-rwset';
import type { HashedEntry } from './hashed-state';
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
  /** Pending hashed entries by `ns\0collection\0keyHash`; null marks a delete. */
  readonly #hashed = new Map<
    string,
    { ns: string; collection: string; keyHash: string; entry: HashedEntry | null }
  >();

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
        this.#history.push({
          ns: ns.namespace,
          key: w.key,
          version,
          txId,
          isDelete: w.isDelete,
          value: w.value,
        });
        if (w.isDelete) {
          this.#set(ns.namespace, w.key, null);
          continue;
        }
        const metadata = metadataByKey.has(w.key)
          ? metadataByKey.get(w.key)
          : this.get(ns.namespace, w.key)?.metadata;
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

  /** True when an earlier valid transaction of the block wrote the key hash (value hash or delete). */
  touchedHashed(ns: string, collection: string, keyHash: Uint8Array): boolean {
    return this.#hashed.has(hashedId(ns, collection, hashHex(keyHash)));
  }

  /** A key hash's entry as the block sees it so far. */
  getHashed(ns: string, collection: string, keyHash: Uint8Array): HashedEntry | undefined {
    const pending = this.#hashed.get(hashedId(ns, collection, hashHex(keyHash)));
    return pending ? (pending.entry ?? undefined) : this.base.hashed.get(ns, collection, keyHash);
  }

  /**
   * Applies a valid transaction's hashed writes with the rules of public ones: a value hash write
   * keeps the key's metadata unless the transaction writes it too, a delete drops both, a metadata
   * write on a missing key is a no-op.
   */
  applyHashed(hashed: HashedRwsets, version: ReadVersion, txId: string): void {
    for (const [ns, collections] of hashed) {
      for (const c of collections) {
        const metadataByKey = new Map(c.metadataWrites.map((m) => [hashHex(m.keyHash), m.entries]));
        const written = new Set<string>();
        for (const w of c.writes) {
          const key = hashHex(w.keyHash);
          written.add(key);
          if (w.isDelete) {
            this.#setHashed(ns, c.collection, key, null);
            continue;
          }
          const metadata = metadataByKey.has(key)
            ? metadataByKey.get(key)
            : this.getHashed(ns, c.collection, w.keyHash)?.metadata;
          this.#setHashed(
            ns,
            c.collection,
            key,
            withMetadata({ valueHash: w.valueHash, version, txId }, metadata),
          );
        }
        for (const m of c.metadataWrites) {
          const key = hashHex(m.keyHash);
          if (written.has(key)) continue;
          const current = this.getHashed(ns, c.collection, m.keyHash);
          if (current)
            this.#setHashed(
              ns,
              c.collection,
              key,
              withMetadata({ valueHash: current.valueHash, version, txId }, m.entries),
            );
        }
      }
    }
  }

  /** Folds the block's writes and history into the world state. */
  commit(): void {
    for (const { ns, collection, keyHash, entry } of this.#hashed.values()) {
      if (entry) this.base.hashed.put(ns, collection, keyHash, entry);
      else this.base.hashed.delete(ns, collection, keyHash);
    }
    for (const [ns, m] of this.#pending) {
      for (const [k, v] of m) {
        if (v) this.base.put(ns, k, v);
        else this.base.delete(ns, k);
      }
    }
    for (const h of this.#history)
      this.base.record(h.ns, h.key, {
        version: h.version,
        txId: h.txId,
        isDelete: h.isDelete,
        value: h.value,
      });
  }

  #setHashed(ns: string, collection: string, keyHash: string, entry: HashedEntry | null): void {
    this.#hashed.set(hashedId(ns, collection, keyHash), { ns, collection, keyHash, entry });
  }

  #set(ns: string, key: string, entry: StateEntry | null): void {
    let m = this.#pending.get(ns);
    if (!m) this.#pending.set(ns, (m = new Map<string, StateEntry | null>()));
    m.set(key, entry);
  }
}

const hashedId = (ns: string, collection: string, keyHash: string): string =>
  `${ns}\u0000${collection}\u0000${keyHash}`;

function withMetadata<E extends StateEntry | HashedEntry>(
  entry: E,
  metadata: ReadonlyMap<string, Uint8Array> | undefined,
): E {
  return metadata && metadata.size > 0 ? { ...entry, metadata } : entry;
}
