import { ByteReader, ByteWriter } from './codec';
import type { HistoryEntry, TxLocation, VersionedValue } from './types';

/**
 * The LevelDB schema of a peer's state store. One leading byte separates the record kinds;
 * namespaces and keys are length-prefixed because Fabric keys may contain 0x00 (composite keys).
 */
const PREFIX = { savepoint: 0x00, state: 0x01, history: 0x02, tx: 0x03 } as const;

/** Key of the savepoint record: the number of the last block whose updates are stored. */
export const SAVEPOINT_KEY = Buffer.of(PREFIX.savepoint);
/** Key range of all state records. */
export const STATE_RANGE = { gte: Buffer.of(PREFIX.state), lt: Buffer.of(PREFIX.state + 1) };
/** Key range of all history records. */
export const HISTORY_RANGE = { gte: Buffer.of(PREFIX.history), lt: Buffer.of(PREFIX.history + 1) };

/** The state record key of (ns, key). */
export function stateKey(ns: string, key: string): Buffer {
  return Buffer.concat([Buffer.of(PREFIX.state), new ByteWriter().text(ns).text(key).finish()]);
}

/** (ns, key) of a state record key. */
export function parseStateKey(record: Buffer): { ns: string; key: string } {
  const reader = new ByteReader(record.subarray(1));
  return { ns: reader.text(), key: reader.text() };
}

/** Encodes a state value with its version and metadata. */
export function encodeVersionedValue(vv: VersionedValue): Buffer {
  const writer = new ByteWriter().u64(vv.version.blockNum).u32(vv.version.txNum).bytes(vv.value);
  const entries = Object.entries(vv.metadata ?? {});
  writer.u32(entries.length);
  for (const [name, value] of entries) writer.text(name).bytes(value);
  return writer.finish();
}

/** Decodes a state value written by `encodeVersionedValue`. */
export function decodeVersionedValue(record: Buffer): VersionedValue {
  const reader = new ByteReader(record);
  const blockNum = reader.u64();
  const txNum = reader.u32();
  const value = reader.bytes();
  const count = reader.u32();
  if (count === 0) return { value, version: { blockNum, txNum } };
  const metadata: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) metadata[reader.text()] = reader.bytes();
  return { value, version: { blockNum, txNum }, metadata };
}

/** The history record key of one write: (ns, key, blockNum, txNum) sorts in commit order. */
export function historyKey(ns: string, key: string, blockNum: number, txNum: number): Buffer {
  const body = new ByteWriter().text(ns).text(key).u64(blockNum).u32(txNum).finish();
  return Buffer.concat([Buffer.of(PREFIX.history), body]);
}

/** (ns, key) of a history record key, for grouping the records by key. */
export function parseHistoryKey(record: Buffer): { ns: string; key: string } {
  const reader = new ByteReader(record.subarray(1));
  return { ns: reader.text(), key: reader.text() };
}

/** Encodes a history entry (block and tx numbers live in the key). */
export function encodeHistoryEntry(entry: HistoryEntry): Buffer {
  return new ByteWriter()
    .text(entry.txId)
    .u32(entry.isDelete ? 1 : 0)
    .u64(entry.timestamp.seconds)
    .u32(entry.timestamp.nanos)
    .bytes(entry.value)
    .u64(entry.blockNum)
    .u32(entry.txNum)
    .finish();
}

/** Decodes a history entry written by `encodeHistoryEntry`. */
export function decodeHistoryEntry(record: Buffer): HistoryEntry {
  const reader = new ByteReader(record);
  const txId = reader.text();
  const isDelete = reader.u32() === 1;
  const seconds = reader.u64();
  const nanos = reader.u32();
  const value = reader.bytes();
  return {
    txId,
    isDelete,
    timestamp: { seconds, nanos },
    value,
    blockNum: reader.u64(),
    txNum: reader.u32(),
  };
}

/** The tx index record key of a transaction id. */
export function txKey(txId: string): Buffer {
  return Buffer.concat([Buffer.of(PREFIX.tx), Buffer.from(txId, 'utf8')]);
}

/** Encodes a tx index record. */
export function encodeTxLocation(location: TxLocation): Buffer {
  return new ByteWriter().u64(location.blockNum).u32(location.txNum).u32(location.code).finish();
}

/** Decodes a tx index record. */
export function decodeTxLocation(record: Buffer): TxLocation {
  const reader = new ByteReader(record);
  return { blockNum: reader.u64(), txNum: reader.u32(), code: reader.u32() };
}

/** Encodes the savepoint (last block number with stored updates). */
export function encodeSavepoint(blockNum: number): Buffer {
  return new ByteWriter().u64(blockNum).finish();
}

/** Decodes the savepoint. */
export function decodeSavepoint(record: Buffer): number {
  return new ByteReader(record).u64();
}
