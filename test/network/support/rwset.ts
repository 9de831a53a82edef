import { ledger } from '@alliance/network/protos';

const { kvrwset } = ledger.rwset;

/** A version as recorded in a read: block and tx number of the last committed write. */
export interface ReadVersion {
  blockNum: number;
  txNum: number;
}

/** A key read; `version` undefined means the key did not exist. */
export interface KeyRead {
  key: string;
  version?: ReadVersion;
}

/** A range scan with its raw reads, as the peer's simulator records it. */
export interface RangeRead {
  start: string;
  end: string;
  exhausted: boolean;
  reads: KeyRead[];
}

/** A value write; no value (or an empty one) deletes the key. */
export interface KeyWrite {
  key: string;
  value?: Uint8Array | string;
}

/** A metadata write; `entries` empty removes all metadata. */
export interface MetadataWrite {
  key: string;
  entries: Record<string, Uint8Array>;
}

/** What one namespace of a transaction read and wrote. */
export interface NamespaceSpec {
  reads?: KeyRead[];
  ranges?: RangeRead[];
  writes?: KeyWrite[];
  metadataWrites?: MetadataWrite[];
}

const byKey = <T extends { key: string }>(a: T, b: T): number =>
  Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));

function toKvRead(read: KeyRead): ledger.rwset.kvrwset.KVRead {
  const kvRead = new kvrwset.KVRead();
  kvRead.setKey(read.key);
  if (read.version) {
    const version = new kvrwset.Version();
    version.setBlockNum(read.version.blockNum);
    version.setTxNum(read.version.txNum);
    kvRead.setVersion(version);
  }
  return kvRead;
}

function toRangeInfo(range: RangeRead): ledger.rwset.kvrwset.RangeQueryInfo {
  const info = new kvrwset.RangeQueryInfo();
  info.setStartKey(range.start);
  info.setEndKey(range.end);
  info.setItrExhausted(range.exhausted);
  const raw = new kvrwset.QueryReads();
  raw.setKvReadsList(range.reads.map(toKvRead));
  info.setRawReads(raw);
  return info;
}

function toKvWrite(write: KeyWrite): ledger.rwset.kvrwset.KVWrite {
  const kvWrite = new kvrwset.KVWrite();
  kvWrite.setKey(write.key);
  const value = typeof write.value === 'string' ? Buffer.from(write.value) : write.value;
  if (value && value.length > 0) kvWrite.setValue(value);
  else kvWrite.setIsDelete(true);
  return kvWrite;
}

function toMetadataWrite(write: MetadataWrite): ledger.rwset.kvrwset.KVMetadataWrite {
  const mw = new kvrwset.KVMetadataWrite();
  mw.setKey(write.key);
  mw.setEntriesList(
    Object.keys(write.entries)
      .sort()
      .map((name) => {
        const entry = new kvrwset.KVMetadataEntry();
        entry.setName(name);
        entry.setValue(write.entries[name]!);
        return entry;
      }),
  );
  return mw;
}

/**
 * Encodes a TxReadWriteSet as a Fabric peer's simulator does: namespaces sorted by name, reads,
 * writes and metadata writes sorted by key, range infos in the given order.
 */
export function buildRwset(spec: Record<string, NamespaceSpec>): Uint8Array {
  const txRwset = new ledger.rwset.TxReadWriteSet();
  txRwset.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
  const names = Object.keys(spec).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  txRwset.setNsRwsetList(
    names.map((namespace) => {
      const ns = spec[namespace]!;
      const kv = new kvrwset.KVRWSet();
      kv.setReadsList([...(ns.reads ?? [])].sort(byKey).map(toKvRead));
      kv.setRangeQueriesInfoList((ns.ranges ?? []).map(toRangeInfo));
      kv.setWritesList([...(ns.writes ?? [])].sort(byKey).map(toKvWrite));
      kv.setMetadataWritesList([...(ns.metadataWrites ?? [])].sort(byKey).map(toMetadataWrite));
      const nsRwset = new ledger.rwset.NsReadWriteSet();
      nsRwset.setNamespace(namespace);
      nsRwset.setRwset(kv.serializeBinary());
      return nsRwset;
    }),
  );
  return txRwset.serializeBinary();
}
