import type { ReadVersion } from '../verify/rwset-parse';
import { hashHex } from './hashed-rwset';

/** What the replay knows of a private key: the hash of its value, its version and metadata. */
export interface HashedEntry {
  readonly valueHash: Uint8Array;
  readonly version: ReadVersion;
  /** The id of the transaction that wrote the value hash. */
  readonly txId: string;
  /** Key metadata (e.g. `VALIDATION_PARAMETER`), which blocks carry in the clear. */
  readonly metadata?: ReadonlyMap<string, Uint8Array>;
}

/** A hashed key with its entry, for listing and checkpoints. */
export interface HashedRow {
  readonly ns: string;
  readonly collection: string;
  /** The key's SHA-256, hex. */
  readonly keyHash: string;
  readonly entry: HashedEntry;
}

const id = (ns: string, collection: string, keyHash: string): string =>
  `${ns}\u0000${collection}\u0000${keyHash}`;

/**
 * The hashed world state of private data collections, as every peer keeps it whether or not it
 * holds the data: per (namespace, collection, key hash) the value hash, version and metadata of
 * the last valid write. The auditor never sees private keys or values, only these hashes.
 */
export class HashedState {
  readonly #entries = new Map<string, HashedRow>();

  get(ns: string, collection: string, keyHash: Uint8Array): HashedEntry | undefined {
    return this.#entries.get(id(ns, collection, hashHex(keyHash)))?.entry;
  }

  /** Sets or replaces a key hash's entry. */
  put(ns: string, collection: string, keyHash: string, entry: HashedEntry): void {
    this.#entries.set(id(ns, collection, keyHash), { ns, collection, keyHash, entry });
  }

  /** Removes a key hash with its metadata. */
  delete(ns: string, collection: string, keyHash: string): void {
    this.#entries.delete(id(ns, collection, keyHash));
  }

  /** Every hashed key, ordered by namespace, collection and key hash. */
  rows(): HashedRow[] {
    return [...this.#entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  /** The hashed keys of one collection of a namespace. */
  collection(ns: string, collection: string): HashedRow[] {
    return this.rows().filter((r) => r.ns === ns && r.collection === collection);
  }
}
