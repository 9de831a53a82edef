import { ledger, peer } from '@hyperledger/fabric-protos';
import { versionOf, type ReadVersion } from '../verify/rwset-parse';

/** A private key read, known only by the SHA-256 of the key. */
export interface HashedRead {
  readonly keyHash: Uint8Array;
  /** The version the endorser saw; undefined when the key did not exist. */
  readonly version: ReadVersion | undefined;
}

/** A private key write: the hashes of key and value (a delete carries no value hash). */
export interface HashedWrite {
  readonly keyHash: Uint8Array;
  readonly isDelete: boolean;
  readonly valueHash: Uint8Array;
}

/** A private key's complete new metadata, in the clear (no entries: remove all). */
export interface HashedMetadataWrite {
  readonly keyHash: Uint8Array;
  readonly entries: ReadonlyMap<string, Uint8Array>;
}

/** What a transaction read and wrote in one private data collection, as the block shows it. */
export interface CollectionHashedRwset {
  readonly collection: string;
  readonly reads: readonly HashedRead[];
  readonly writes: readonly HashedWrite[];
  readonly metadataWrites: readonly HashedMetadataWrite[];
  /** SHA-256 of the private write set the endorsers hold off the block (empty when nothing was written). */
  readonly pvtRwsetHash: Uint8Array;
}

/** The hashed read-write sets of a transaction, by namespace, in block order. */
export type HashedRwsets = ReadonlyMap<string, readonly CollectionHashedRwset[]>;

/** No hashed read-write set at all. */
export const NO_HASHED_RWSETS: HashedRwsets = new Map();

/**
 * Decodes the `collection_hashed_rwset` entries of every namespace of a chaincode action:
 * hashed reads (key hash and version), hashed writes (key and value hashes, delete flag) and
 * hashed metadata writes (key hash, entries in the clear). A write with no value hash removes the
 * key, as an empty value does in public state.
 * @throws Error when the action or a hashed read-write set does not decode
 */
export function parseHashedRwsets(chaincodeAction: Uint8Array): HashedRwsets {
  const results = peer.ChaincodeAction.deserializeBinary(chaincodeAction).getResults_asU8();
  const out = new Map<string, CollectionHashedRwset[]>();
  for (const ns of ledger.rwset.TxReadWriteSet.deserializeBinary(results).getNsRwsetList()) {
    const collections = ns.getCollectionHashedRwsetList().map(parseCollection);
    if (collections.length > 0) out.set(ns.getNamespace(), collections);
  }
  return out;
}

function parseCollection(c: ledger.rwset.CollectionHashedReadWriteSet): CollectionHashedRwset {
  const h = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(c.getHashedRwset_asU8());
  return {
    collection: c.getCollectionName(),
    reads: h
      .getHashedReadsList()
      .map((r) => ({ keyHash: r.getKeyHash_asU8(), version: versionOf(r.getVersion()) })),
    writes: h.getHashedWritesList().map((w) => ({
      keyHash: w.getKeyHash_asU8(),
      isDelete: w.getIsDelete() || w.getValueHash_asU8().length === 0,
      valueHash: w.getValueHash_asU8(),
    })),
    metadataWrites: h.getMetadataWritesList().map((m) => ({
      keyHash: m.getKeyHash_asU8(),
      entries: new Map(m.getEntriesList().map((e) => [e.getName(), e.getValue_asU8()])),
    })),
    pvtRwsetHash: c.getPvtRwsetHash_asU8(),
  };
}

/** True when the collection writes value hashes or metadata. */
export function writesHashes(c: CollectionHashedRwset): boolean {
  return c.writes.length > 0 || c.metadataWrites.length > 0;
}

/** A key hash as hex. */
export const hashHex = (keyHash: Uint8Array): string => Buffer.from(keyHash).toString('hex');

/** A hashed key as a person reads it: `ns/collection #1a2b3c4d5e6f7a8b…`. */
export function printableHashed(ns: string, collection: string, keyHash: Uint8Array): string {
  return `${ns}/${collection} key hash ${hashHex(keyHash).slice(0, 16)}…`;
}
