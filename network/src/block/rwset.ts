import { ledger } from '@hyperledger/fabric-protos';

/** One namespace of a transaction's read-write set, its KVRWSet decoded. */
export interface NamespaceRwset {
  readonly namespace: string;
  readonly kv: ledger.rwset.kvrwset.KVRWSet;
  readonly collections: ledger.rwset.CollectionHashedReadWriteSet[];
}

/** Decodes `rwset.TxReadWriteSet` bytes and each namespace's KVRWSet (throws on malformed bytes). */
export function decodeRwset(bytes: Uint8Array): NamespaceRwset[] {
  return ledger.rwset.TxReadWriteSet.deserializeBinary(bytes)
    .getNsRwsetList()
    .map((ns) => ({
      namespace: ns.getNamespace(),
      kv: ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()),
      collections: ns.getCollectionHashedRwsetList(),
    }));
}

/** True when the namespace writes anything: values, metadata, or private data hashes. */
export function writesToNamespace(ns: NamespaceRwset): boolean {
  if (ns.kv.getWritesList().length > 0 || ns.kv.getMetadataWritesList().length > 0) return true;
  return ns.collections.some((collection) => {
    const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
    return hashed.getHashedWritesList().length > 0 || hashed.getMetadataWritesList().length > 0;
  });
}
