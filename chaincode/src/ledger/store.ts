/**
 * The one door to the world state. Values are written as canonical JSON; keys are plain or
 * composite; reads follow Fabric semantics (a write is NOT visible to reads later in the same
 * transaction), so code must not read back what it has just put.
 */
import type { Context } from 'fabric-contract-api';
import { AllianceError, type ErrorCode } from '../model/errors';
import { fromLedgerBytes, toLedgerBytes } from './json';
import { decodeKeyPolicy, encodeKeyPolicy, type KeyPolicy } from './keypolicy';

/** The chaincode stub as fabric-contract-api types it. */
export type Stub = Context['stub'];

/** One entry of a composite-key scan. */
export interface ScanEntry<T> {
  key: string;
  /** The key's attributes (everything after the object type). */
  attrs: string[];
  value: T;
}

/** One version of a key, from the peer's history database. */
export interface HistoryEntry<T> {
  txId: string;
  /** Timestamp of the writing transaction, ISO 8601 UTC. */
  timestamp: string;
  isDelete: boolean;
  value?: T;
}

interface LongLike {
  toNumber(): number;
}

/** Milliseconds since the epoch of a protobuf timestamp (seconds may be a Long or a number). */
export function timestampMillis(ts: { seconds: number | LongLike | string; nanos: number }): number {
  const seconds =
    typeof ts.seconds === 'number'
      ? ts.seconds
      : typeof ts.seconds === 'string'
        ? Number(ts.seconds)
        : ts.seconds.toNumber();
  return seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
}

interface ClosableIterator<V> {
  next(): Promise<{ value: V; done?: boolean }>;
  close(): Promise<unknown>;
}

/** Drains a shim iterator, always closing it (an open iterator holds peer resources). */
async function* drain<V>(opened: Promise<ClosableIterator<V>>): AsyncGenerator<V> {
  const iterator = await opened;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    await iterator.close();
  }
}

/** World-state access for one transaction. */
export class LedgerStore {
  constructor(private readonly stub: Stub) {}

  /** The committed value of `key`, or undefined when absent. */
  async get<T>(key: string): Promise<T | undefined> {
    const bytes = await this.stub.getState(key);
    return bytes.length === 0 ? undefined : (fromLedgerBytes(bytes) as T);
  }

  /**
   * The committed value of `key`.
   * @throws AllianceError with `code` (e.g. NOT_FOUND, LOT_NOT_FOUND) when absent.
   */
  async mustGet<T>(key: string, code: ErrorCode, what: string): Promise<T> {
    const value = await this.get<T>(key);
    if (value === undefined) throw new AllianceError(code, `${what} not found`, { details: { what } });
    return value;
  }

  /** Writes `value` as canonical JSON. */
  async put(key: string, value: unknown): Promise<void> {
    await this.stub.putState(key, toLedgerBytes(value));
  }

  /** True when `key` has a committed value. */
  async exists(key: string): Promise<boolean> {
    return (await this.stub.getState(key)).length > 0;
  }

  /** The composite key `objectType` + `attrs` (attributes may not hold U+0000 or U+10FFFF). */
  key(objectType: string, attrs: string[]): string {
    return this.stub.createCompositeKey(objectType, attrs);
  }

  /** Every committed entry whose composite key starts with `objectType` + `attrs`, in key byte order. */
  async *scan<T>(objectType: string, attrs: string[]): AsyncGenerator<ScanEntry<T>> {
    const iterator = this.stub.getStateByPartialCompositeKey(objectType, attrs);
    for await (const kv of drain(iterator)) {
      yield {
        key: kv.key,
        attrs: this.stub.splitCompositeKey(kv.key).attributes,
        value: fromLedgerBytes(kv.value) as T,
      };
    }
  }

  /** Collects {@link scan} into an array (for small index ranges). */
  async list<T>(objectType: string, attrs: string[]): Promise<ScanEntry<T>[]> {
    const out: ScanEntry<T>[] = [];
    for await (const entry of this.scan<T>(objectType, attrs)) out.push(entry);
    return out;
  }

  /** Every version of `key`, oldest first (the peer answers newest first). */
  async history<T>(key: string): Promise<HistoryEntry<T>[]> {
    const out: HistoryEntry<T>[] = [];
    for await (const mod of drain(this.stub.getHistoryForKey(key))) {
      const entry: HistoryEntry<T> = {
        txId: mod.txId,
        timestamp: new Date(timestampMillis(mod.timestamp)).toISOString(),
        isDelete: mod.isDelete,
      };
      if (!mod.isDelete && mod.value.length > 0) entry.value = fromLedgerBytes(mod.value) as T;
      out.push(entry);
    }
    return out.reverse();
  }

  /**
   * Sets the key-level endorsement policy of `key`: `required` (default all) of `mspIds` must
   * endorse any later change of it.
   */
  async setOwners(key: string, mspIds: string[], required?: number): Promise<void> {
    await this.stub.setStateValidationParameter(key, encodeKeyPolicy(mspIds, required));
  }

  /** The organisations named by the committed key-level policy of `key` (empty when none). */
  async owners(key: string): Promise<string[]> {
    return (await this.keyPolicy(key))?.mspIds ?? [];
  }

  /** The committed key-level policy of `key`, or undefined when it has none. */
  async keyPolicy(key: string): Promise<KeyPolicy | undefined> {
    return decodeKeyPolicy(await this.stub.getStateValidationParameter(key));
  }
}
