import { ledger } from '@alliance/network/protos';

/** A decoded rwset in plain data, for assertions. */
export interface DecodedNamespace {
  namespace: string;
  reads: { key: string; version?: { blockNum: number; txNum: number } }[];
  writes: { key: string; isDelete: boolean; value: string }[];
  metadataWrites: { key: string; entries: { name: string; value: string }[] }[];
  ranges: {
    startKey: string;
    endKey: string;
    exhausted: boolean;
    reads: string[] | undefined;
    /** Merkle summary as [max degree, max level, top hashes], for scans past 50 results. */
    merkle?: [number, number, number];
  }[];
}

/** Decodes rwset.TxReadWriteSet bytes into plain data. */
export function decodeRwSet(bytes: Uint8Array): DecodedNamespace[] {
  return ledger.rwset.TxReadWriteSet.deserializeBinary(bytes)
    .getNsRwsetList()
    .map((ns) => {
      const set = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
      return {
        namespace: ns.getNamespace(),
        reads: set.getReadsList().map((r) => {
          const v = r.getVersion();
          return v
            ? { key: r.getKey(), version: { blockNum: v.getBlockNum(), txNum: v.getTxNum() } }
            : { key: r.getKey() };
        }),
        writes: set.getWritesList().map((w) => ({
          key: w.getKey(),
          isDelete: w.getIsDelete(),
          value: Buffer.from(w.getValue_asU8()).toString('utf8'),
        })),
        metadataWrites: set.getMetadataWritesList().map((m) => ({
          key: m.getKey(),
          entries: m
            .getEntriesList()
            .map((e) => ({ name: e.getName(), value: Buffer.from(e.getValue_asU8()).toString('utf8') })),
        })),
        ranges: set.getRangeQueriesInfoList().map((q) => {
          const merkle = q.getReadsMerkleHashes();
          return {
            startKey: q.getStartKey(),
            endKey: q.getEndKey(),
            exhausted: q.getItrExhausted(),
            reads: q
              .getRawReads()
              ?.getKvReadsList()
              .map((r) => r.getKey()),
            ...(merkle
              ? {
                  merkle: [
                    merkle.getMaxDegree(),
                    merkle.getMaxLevel(),
                    merkle.getMaxLevelHashesList().length,
                  ] as [number, number, number],
                }
              : {}),
          };
        }),
      };
    });
}
