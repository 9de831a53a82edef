/**
 * The one door to the world state. Values are written as canonical JSON; keys are plain or
 * composite; reads follow Fabric semantics (a write is NOT visible to reads later in the same
 * transaction), so code must not read back what it has just put.
 *
 * It also keeps the audit trail (rule 3): it remembers the committed bytes of every key the
 * transaction read, and when the transaction has succeeded, {@link LedgerStore.writeAuditTrail}
 * compares each key it wrote with what the key held before (read once more for a key written
 * without being read) and writes one trail entry per record that existed and changed.
 */
import type { Context } from 'fabric-contract-api';
import type { AuditTrailEntry, RecordRef } from '../model/audit';
import { AllianceError, type ErrorCode } from '../model/errors';
import { buildTrailEntry, isTrailKeyType, trailEntryKey, trailScope, type ChangeOrigin } from './audit-entry';
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

/** A write waiting for its trail entry: the new bytes and the reason in force when it was made. */
interface PendingWrite {
  next: Uint8Array;
  reason: string;
}

/** World-state access for one transaction. */
export class LedgerStore {
  /** Committed bytes of every key read so far (empty for an absent key). */
  readonly #committed = new Map<string, Uint8Array>();
  /** Keys written by this transaction, in the order first written. */
  readonly #written = new Map<string, PendingWrite>();

  /**
   * @param stub the transaction's stub
   * @param reasonInForce the reason a write made now is made for (never empty; see the context)
   */
  constructor(
    private readonly stub: Stub,
    private readonly reasonInForce: () => string,
  ) {}

  /** The committed bytes of `key` (empty when absent), read from the peer once per transaction. */
  async #read(key: string): Promise<Uint8Array> {
    let bytes = this.#committed.get(key);
    if (bytes === undefined) {
      bytes = await this.stub.getState(key);
      this.#committed.set(key, bytes);
    }
    return bytes;
  }

  /** The committed value of `key`, or undefined when absent. */
  async get<T>(key: string): Promise<T | undefined> {
    const bytes = await this.#read(key);
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

  /**
   * Writes `value` as canonical JSON; the change is described in the audit trail when the
   * transaction succeeds.
   * @throws Error for a trail entry's key: the trail is written by the store alone.
   */
  async put(key: string, value: unknown): Promise<void> {
    if (isTrailKeyType(this.stub.splitCompositeKey(key).objectType))
      throw new Error('audit-trail entries cannot be written through put');
    const next = toLedgerBytes(value);
    await this.stub.putState(key, next);
    this.#written.set(key, { next, reason: this.reasonInForce() });
  }

  /** True when `key` has a committed value. */
  async exists(key: string): Promise<boolean> {
    return (await this.#read(key)).length > 0;
  }

  /**
   * Writes one trail entry for each key this transaction changed that existed before it: the
   * last value put against the committed one. Called once, after the transaction succeeded.
   * @returns the number of entries written
   */
  async writeAuditTrail(origin: ChangeOrigin): Promise<number> {
    let written = 0;
    for (const [key, write] of this.#written) {
      const previous = await this.#read(key);
      if (previous.length === 0) continue;
      const record = this.recordRef(key);
      const entry = buildTrailEntry({ record, previous, next: write.next, reason: write.reason }, origin);
      if (entry === undefined) continue;
      const entryKey = trailEntryKey(record, origin.at, origin.txId);
      await this.stub.putState(this.key(entryKey.objectType, entryKey.attributes), toLedgerBytes(entry));
      written += 1;
    }
    this.#written.clear();
    return written;
  }

  /** Every trail entry of `key`, by ledger time then transaction id. */
  async auditTrail(key: string): Promise<AuditTrailEntry[]> {
    const scope = trailScope(this.recordRef(key));
    const entries = await this.list<AuditTrailEntry>(scope.objectType, scope.attributes);
    // The prefix also matches longer keys of the same object type; an entry adds exactly [at, txId].
    return entries.filter((e) => e.attrs.length === scope.attributes.length + 2).map((e) => e.value);
  }

  /** How clients name `key`: object type and attributes, or the plain key itself. */
  recordRef(key: string): RecordRef {
    // Composite keys start with U+0000, which a plain key may not (the shim answers a null type for those).
    if (!key.startsWith('\u0000')) return { key };
    const { objectType, attributes } = this.stub.splitCompositeKey(key);
    return { objectType, attributes };
  }

  /** The composite key `objectType` + `attrs` (attributes may not hold U+0000 or U+10FFFF). */
  key(objectType: string, attrs: string[]): string {
    return this.stub.createCompositeKey(objectType, attrs);
  }

  /** Every committed entry whose composite key starts with `objectType` + `attrs`, in key byte order. */
  async *scan<T>(objectType: string, attrs: string[]): AsyncGenerator<ScanEntry<T>> {
    const iterator = this.stub.getStateByPartialCompositeKey(objectType, attrs);
    for await (const kv of drain(iterator)) {
      this.#committed.set(kv.key, kv.value);
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
