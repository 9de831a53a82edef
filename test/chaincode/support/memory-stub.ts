/**
 * A ChaincodeStub that behaves like a Fabric peer simulating one transaction: reads see only
 * committed state (no read-your-writes), writes and key metadata are buffered into a write set
 * that the harness commits only when the transaction succeeds, ranges follow UTF-8 byte order,
 * history comes newest first with transaction timestamps, and only the last event set counts.
 */
import Long from 'long';
import { MemoryLedger, VALIDATION_PARAMETER, type WriteSet } from './memory-ledger';

const COMPOSITE_NS = '\x00';
const MIN_RUNE = '\u0000';
const MAX_RUNE = '\u{10FFFF}';
const EMPTY_KEY_SUBSTITUTE = '\x01';

/** What the peer knows about the proposal being simulated. */
export interface Proposal {
  txId: string;
  channelId: string;
  timestamp: Date;
  creator: { mspid: string; idBytes: Uint8Array };
  /** Function name then arguments, as the client sent them. */
  args: Buffer[];
}

interface KV {
  namespace: string;
  key: string;
  value: Buffer;
}

interface KeyModification {
  txId: string;
  value: Buffer;
  isDelete: boolean;
  timestamp: { seconds: number; nanos: number };
}

/** A shim-style query result: a promise of an iterator that is also async-iterable. */
function queryResult<T>(
  items: T[],
): Promise<{ next(): Promise<{ value: T; done: boolean }>; close(): Promise<void> }> & AsyncIterable<T> {
  let index = 0;
  const iterator = {
    next: () =>
      Promise.resolve(
        index < items.length
          ? { value: items[index++]!, done: false }
          : { value: undefined as T, done: true },
      ),
    close: () => Promise.resolve(),
  };
  const promise = Promise.resolve(iterator);
  return Object.assign(promise, {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: () => Promise.resolve({ value: undefined as T, done: true }),
    }),
  });
}

// With the u flag a surrogate pair is one code point, so this matches only lone halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Peers reject keys that are not valid UTF-8; a JS string with a lone surrogate is not. */
function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new Error('key must not be an empty string');
  if (LONE_SURROGATE.test(key)) throw new Error(`key ${JSON.stringify(key)} is not a valid utf8 string`);
}

function assertAttribute(attr: unknown): void {
  if (typeof attr !== 'string' || attr.length === 0) {
    throw new Error('object type or attribute not a non-zero length string');
  }
}

/** The simulation of one transaction against a {@link MemoryLedger}. */
export class MemoryStub {
  readonly #ledger: MemoryLedger;
  readonly #proposal: Proposal;
  readonly #writes = new Map<string, Buffer | null>();
  readonly #metadata = new Map<string, Map<string, Buffer>>();
  #event: { name: string; payload: Buffer } | undefined;

  constructor(ledger: MemoryLedger, proposal: Proposal) {
    this.#ledger = ledger;
    this.#proposal = proposal;
  }

  /** The write set this simulation produced (committed by the harness on success). */
  writeSet(): WriteSet {
    const set: WriteSet = {
      txId: this.#proposal.txId,
      timestamp: this.#proposal.timestamp,
      writes: new Map(this.#writes),
      metadata: new Map(this.#metadata),
    };
    if (this.#event !== undefined) set.event = this.#event;
    return set;
  }

  getArgs(): string[] {
    return this.#proposal.args.map((a) => a.toString('utf8'));
  }

  getStringArgs(): string[] {
    return this.getArgs();
  }

  getBufferArgs(): Buffer[] {
    return this.#proposal.args;
  }

  getFunctionAndParameters(): { fcn: string; params: string[] } {
    const [fcn = '', ...params] = this.getArgs();
    return { fcn, params };
  }

  getTxID(): string {
    return this.#proposal.txId;
  }

  getChannelID(): string {
    return this.#proposal.channelId;
  }

  getCreator(): { mspid: string; idBytes: Uint8Array } {
    return this.#proposal.creator;
  }

  getMspID(): string {
    return this.#proposal.creator.mspid;
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map();
  }

  getTxTimestamp(): { seconds: Long; nanos: number } {
    const millis = this.#proposal.timestamp.getTime();
    return { seconds: Long.fromNumber(Math.floor(millis / 1000), true), nanos: (millis % 1000) * 1_000_000 };
  }

  getDateTimestamp(): Date {
    return new Date(this.#proposal.timestamp.getTime());
  }

  getState(key: string): Promise<Buffer> {
    return Promise.resolve(Buffer.from(this.#ledger.get(key) ?? Buffer.alloc(0)));
  }

  putState(key: string, value: Uint8Array | string): Promise<void> {
    assertValidKey(key);
    const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
    if (bytes.length === 0)
      throw new Error(`an empty value for ${JSON.stringify(key)} would delete it; use deleteState`);
    this.#writes.set(key, bytes);
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    assertValidKey(key);
    this.#writes.set(key, null);
    return Promise.resolve();
  }

  setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    assertValidKey(key);
    const entries = this.#metadata.get(key) ?? new Map<string, Buffer>();
    entries.set(VALIDATION_PARAMETER, Buffer.from(ep));
    this.#metadata.set(key, entries);
    return Promise.resolve();
  }

  /** The committed policy (a policy set in this transaction is not visible yet). */
  getStateValidationParameter(key: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.#ledger.metadata(key, VALIDATION_PARAMETER));
  }

  getStateByRange(startKey: string, endKey: string): ReturnType<typeof queryResult<KV>> {
    const start = startKey === '' ? EMPTY_KEY_SUBSTITUTE : startKey;
    if (start.startsWith(COMPOSITE_NS) || endKey.startsWith(COMPOSITE_NS)) {
      throw new Error('first character of the key cannot be 0x00, it is reserved for composite keys');
    }
    return this.#range(start, endKey);
  }

  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): ReturnType<typeof queryResult<KV>> {
    const prefix = this.createCompositeKey(objectType, attributes);
    return this.#range(prefix, prefix + MAX_RUNE);
  }

  #range(start: string, end: string): ReturnType<typeof queryResult<KV>> {
    return queryResult(
      this.#ledger.range(start, end).map(({ key, value }) => ({ namespace: 'provenance', key, value })),
    );
  }

  getHistoryForKey(key: string): ReturnType<typeof queryResult<KeyModification>> {
    return queryResult(
      this.#ledger.history(key).map((mod) => {
        const millis = mod.timestamp.getTime();
        return {
          txId: mod.txId,
          value: mod.value,
          isDelete: mod.isDelete,
          timestamp: { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1_000_000 },
        };
      }),
    );
  }

  getQueryResult(): never {
    throw new Error('ExecuteQuery not supported for leveldb');
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name === '') throw new Error('Event name must be a non-empty string');
    this.#event = { name, payload: Buffer.from(payload) };
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    assertAttribute(objectType);
    let key = COMPOSITE_NS + objectType + MIN_RUNE;
    for (const attr of attributes) {
      assertAttribute(attr);
      key += attr + MIN_RUNE;
    }
    return key;
  }

  splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
    if (!compositeKey.startsWith(COMPOSITE_NS) || compositeKey.length < 2)
      return { objectType: null, attributes: [] };
    const parts = compositeKey.slice(1).split(MIN_RUNE);
    parts.pop();
    const [objectType = null, ...attributes] = parts;
    return { objectType, attributes };
  }

  invokeChaincode(): never {
    throw new Error('chaincode-to-chaincode calls are not used by the alliance chaincode');
  }
}
