import { ledger } from '@hyperledger/fabric-protos';
import { merkleSummary } from '../committer';
import { compareKeys, sortedKeys } from './key-order';
import type { Version } from './state';

const kvrwset = ledger.rwset.kvrwset;

/** Fabric records up to this many range results as raw reads, more as a Merkle summary of this degree. */
export const RANGE_QUERY_MAX_DEGREE = 50;

/** A key read inside a range scan, with the version it had (absent for none). */
export interface RecordedRead {
  key: string;
  version: Version | undefined;
}

/** The phantom-protection record of one range scan. */
export interface RangeQueryRecord {
  startKey: string;
  endKey: string;
  exhausted: boolean;
  reads: RecordedRead[];
}

/** A key's write as the transaction left it: value undefined = delete. */
export interface RecordedWrite {
  ns: string;
  key: string;
  value: Uint8Array | undefined;
}

interface NamespaceRecord {
  reads: Map<string, Version | undefined>;
  writes: Map<string, Uint8Array>;
  metadataWrites: Map<string, Record<string, Uint8Array> | null>;
  rangeQueries: Map<string, RangeQueryRecord>;
}

/**
 * Collects what a simulation read and wrote, and encodes it as Fabric's rwset builder does:
 * namespaces sorted, reads/writes/metadata writes sorted by key (UTF-8 byte order), range
 * queries in order of first use, de-duplicated by (start, end, exhausted).
 */
export class ReadWriteSetBuilder {
  private readonly namespaces = new Map<string, NamespaceRecord>();

  /** Records a read; reading a key again keeps the latest version seen. */
  addRead(ns: string, key: string, version: Version | undefined): void {
    this.namespace(ns).reads.set(key, version);
  }

  /** Records a write; an empty value is a delete, the last write of a key wins. */
  addWrite(ns: string, key: string, value: Uint8Array): void {
    this.namespace(ns).writes.set(key, value);
  }

  /** Records the whole metadata of a key (null = remove all of it); the last call wins. */
  addMetadataWrite(ns: string, key: string, metadata: Record<string, Uint8Array> | null): void {
    this.namespace(ns).metadataWrites.set(key, metadata);
  }

  /** Records a finished range scan unless an identical one is already there. */
  addRangeQuery(ns: string, query: RangeQueryRecord): void {
    const id = JSON.stringify([query.startKey, query.endKey, query.exhausted]);
    const queries = this.namespace(ns).rangeQueries;
    if (!queries.has(id)) queries.set(id, query);
  }

  /** True when the transaction wrote any value or metadata. */
  hasWrites(): boolean {
    return [...this.namespaces.values()].some((n) => n.writes.size > 0 || n.metadataWrites.size > 0);
  }

  /** The value writes, in rwset order. */
  writes(): RecordedWrite[] {
    return sortedKeys(this.namespaces.keys()).flatMap((ns) => {
      const writes = this.namespaces.get(ns)?.writes ?? new Map<string, Uint8Array>();
      return sortedKeys(writes.keys()).map((key) => {
        const value = writes.get(key);
        return { ns, key, value: value && value.length > 0 ? value : undefined };
      });
    });
  }

  /** The rwset.TxReadWriteSet bytes. */
  build(): Uint8Array {
    const txRwSet = new ledger.rwset.TxReadWriteSet();
    txRwSet.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
    for (const ns of sortedKeys(this.namespaces.keys())) {
      const record = this.namespaces.get(ns);
      if (!record) continue;
      const nsRwSet = new ledger.rwset.NsReadWriteSet();
      nsRwSet.setNamespace(ns);
      nsRwSet.setRwset(encodeKvRwSet(record));
      txRwSet.addNsRwset(nsRwSet);
    }
    return txRwSet.serializeBinary();
  }

  private namespace(ns: string): NamespaceRecord {
    let record = this.namespaces.get(ns);
    if (!record) {
      record = { reads: new Map(), writes: new Map(), metadataWrites: new Map(), rangeQueries: new Map() };
      this.namespaces.set(ns, record);
    }
    return record;
  }
}

function encodeKvRwSet(record: NamespaceRecord): Uint8Array {
  const set = new kvrwset.KVRWSet();
  for (const key of sortedKeys(record.reads.keys())) set.addReads(kvRead(key, record.reads.get(key)));
  for (const query of record.rangeQueries.values()) set.addRangeQueriesInfo(rangeQueryInfo(query));
  for (const key of sortedKeys(record.writes.keys())) {
    const value = record.writes.get(key) ?? new Uint8Array();
    const write = new kvrwset.KVWrite();
    write.setKey(key);
    write.setIsDelete(value.length === 0);
    write.setValue(value);
    set.addWrites(write);
  }
  for (const key of sortedKeys(record.metadataWrites.keys())) {
    const write = new kvrwset.KVMetadataWrite();
    write.setKey(key);
    const entries = record.metadataWrites.get(key);
    if (entries) {
      for (const name of Object.keys(entries).sort(compareKeys)) {
        const entry = new kvrwset.KVMetadataEntry();
        entry.setName(name);
        entry.setValue(entries[name] ?? new Uint8Array());
        write.addEntries(entry);
      }
    }
    set.addMetadataWrites(write);
  }
  return set.serializeBinary();
}

function kvRead(key: string, version: Version | undefined): InstanceType<typeof kvrwset.KVRead> {
  const read = new kvrwset.KVRead();
  read.setKey(key);
  if (version) {
    const v = new kvrwset.Version();
    v.setBlockNum(version.blockNum);
    v.setTxNum(version.txNum);
    read.setVersion(v);
  }
  return read;
}

/**
 * Fabric keeps a scan's results as raw reads up to 50 of them and as a Merkle summary beyond;
 * a scan that returned nothing carries neither.
 */
function rangeQueryInfo(query: RangeQueryRecord): InstanceType<typeof kvrwset.RangeQueryInfo> {
  const info = new kvrwset.RangeQueryInfo();
  info.setStartKey(query.startKey);
  info.setEndKey(query.endKey);
  info.setItrExhausted(query.exhausted);
  const reads = query.reads.map((r) => kvRead(r.key, r.version));
  const summary = merkleSummary(reads, RANGE_QUERY_MAX_DEGREE);
  if (summary) {
    info.setReadsMerkleHashes(summary);
  } else if (reads.length > 0) {
    const raw = new kvrwset.QueryReads();
    raw.setKvReadsList(reads);
    info.setRawReads(raw);
  }
  return info;
}
