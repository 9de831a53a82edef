/**
 * The committed-state view the simulator reads. These shapes are the `ledger/` interfaces of
 * the network plan; they are restated here only until that module lands, and then re-exported
 * from it unchanged.
 */

/** Height of the transaction that last wrote a key. */
export interface Version {
  blockNum: number;
  txNum: number;
}

/** A committed value with its version and key-level metadata. */
export interface VersionedValue {
  value: Uint8Array;
  version: Version;
  metadata?: Record<string, Uint8Array>;
}

/** Synchronous reads of committed state. */
export interface StateReader {
  get(ns: string, key: string): VersionedValue | undefined;
  /** Keys in [start, end) by UTF-8 byte order; end '' = end of namespace. */
  range(ns: string, start: string, end: string): IterableIterator<[string, VersionedValue]>;
}

/** One committed modification of a key, as the history database keeps it. */
export interface HistoryEntry {
  txId: string;
  value: Uint8Array;
  isDelete: boolean;
  timestamp: { seconds: number; nanos: number };
  blockNum: number;
  txNum: number;
}
