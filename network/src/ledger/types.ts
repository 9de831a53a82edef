import type { common } from '@hyperledger/fabric-protos';

/** Height of the write that produced a value: block number and index of the tx in its block. */
export interface Version {
  blockNum: number;
  txNum: number;
}

/** A committed value with its version and metadata (e.g. VALIDATION_PARAMETER). */
export interface VersionedValue {
  value: Uint8Array;
  version: Version;
  metadata?: Record<string, Uint8Array>;
}

/** Synchronous reads of committed state. */
export interface StateReader {
  /** The committed value, or undefined when the key does not exist. */
  get(ns: string, key: string): VersionedValue | undefined;
  /** Keys in [start, end) by UTF-8 byte order; start '' = start and end '' = end of the namespace. */
  range(ns: string, start: string, end: string): IterableIterator<[string, VersionedValue]>;
}

/** One modification of a key, as GetHistoryForKey returns it. */
export interface HistoryEntry {
  txId: string;
  value: Uint8Array;
  isDelete: boolean;
  timestamp: { seconds: number; nanos: number };
  blockNum: number;
  txNum: number;
}

/** Where a transaction id was first seen, and its validation code. */
export interface TxLocation {
  blockNum: number;
  txNum: number;
  /** peer.TxValidationCode */
  code: number;
}

/** One key write of a valid transaction. */
export interface WriteSet {
  ns: string;
  key: string;
  /** The new value; undefined = delete (value and metadata). Ignored when `metadataOnly`. */
  value?: Uint8Array;
  /** New metadata; null or undefined = unchanged, `{}` = remove all metadata. */
  metadata?: Record<string, Uint8Array> | null;
  /** A metadata write with no value write: keeps the value, and is a no-op on a missing key. */
  metadataOnly?: boolean;
}

/** The writes of one valid transaction. */
export interface TxWrites {
  txNum: number;
  txId: string;
  timestamp: { seconds: number; nanos: number };
  writes: WriteSet[];
}

/** A validated block and what committing it changes. */
export interface BlockCommit {
  /** The block with TRANSACTIONS_FILTER set. */
  block: common.Block;
  /** Writes of the valid transactions, in block order. */
  writes: TxWrites[];
  /** Every transaction with a readable id, valid or not (first occurrence wins in the index). */
  txIds: { txNum: number; txId: string; code: number }[];
}

/** A peer's ledger: block store, state, history and transaction index. */
export interface PeerLedger {
  /** Number of committed blocks. */
  readonly height: number;
  readonly state: StateReader;
  /** Header hash of the last committed block (empty before block 0). */
  currentHash(): Uint8Array;
  getBlock(num: number): common.Block | undefined;
  getBlockBytes(num: number): Uint8Array | undefined;
  /** First occurrence of a transaction id. */
  getTx(txId: string): TxLocation | undefined;
  /** Modifications of a key, newest first. */
  history(ns: string, key: string): HistoryEntry[];
  /** Appends the block (fsync), then writes state, history and tx index in one batch. */
  commit(c: BlockCommit): Promise<void>;
  close(): Promise<void>;
}

/** An append-only, hash-chained store of blocks. */
export interface BlockStore {
  readonly height: number;
  /** Appends the next block; refuses a wrong number, a broken hash link or a wrong data hash. */
  append(block: common.Block): Promise<void>;
  /** Serialized block, or undefined beyond the height. */
  get(num: number): Uint8Array | undefined;
  close(): Promise<void>;
}
