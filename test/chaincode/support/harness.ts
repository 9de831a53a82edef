/**
 * The in-memory Fabric-like ledger for contract tests. `invoke(as, 'contract:Tx', arg)` runs
 * the real contract classes through Fabric's dispatcher with a real Context whose stub is a
 * {@link MemoryStub}; the write set is committed only when the transaction succeeds. Each
 * invocation gets a fresh transaction id and a timestamp one second after the previous one
 * (or whatever {@link LedgerHarness.setTime} says).
 */
import { createHash } from 'node:crypto';
import {
  AllianceError,
  decodeAllianceError,
  parseChaincodeEventPayload,
  type DomainEvent,
} from '@alliance/chaincode/model';
import { decodeKeyPolicy, type KeyPolicy } from '@alliance/chaincode/ledger/keypolicy';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { IdentityFactory, type TestIdentity } from './identities';
import { MemoryLedger, VALIDATION_PARAMETER } from './memory-ledger';
import { MemoryStub } from './memory-stub';

/** Several raw string arguments, sent as they are (for malformed-argument tests). */
export class RawArgs {
  constructor(readonly args: string[]) {}
}

/** The outcome of one invocation. */
export type InvokeResult =
  | {
      ok: true;
      txId: string;
      payload: string;
      events: DomainEvent[];
      /**
       * The committed key-level policies of the keys this transaction wrote: the endorsements a
       * peer's validator would demand beyond the chaincode policy (keys without one are absent).
       */
      keyPolicies: Record<string, KeyPolicy>;
    }
  | { ok: false; txId: string; status: number; message: string; error: AllianceError | undefined };

function encodeArgs(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (arg instanceof RawArgs) return arg.args;
  if (typeof arg === 'string') return [arg];
  return [JSON.stringify(arg)];
}

/** An in-memory channel with the alliance chaincode deployed. */
export class LedgerHarness {
  /** Committed state, history, metadata and events. */
  readonly ledger = new MemoryLedger();
  /** Issues real certificates for test users. */
  readonly identities = new IdentityFactory();
  readonly #dispatcher: Dispatcher;
  #clock = Date.parse('2025-01-06T08:00:00Z');
  #sequence = 0;

  /** @param contractClasses the contract classes to deploy (default: everything the chaincode exports). */
  constructor(contractClasses: readonly unknown[]) {
    this.#dispatcher = createDispatcher(contractClasses);
  }

  /** A user of `mspId` whose certificate carries `alliance.role` = `role` (omit for none). */
  user(mspId: string, role?: string, name?: string): Promise<TestIdentity> {
    return this.identities.user(mspId, role, name);
  }

  /** The ledger time the next transaction will carry. */
  get time(): Date {
    return new Date(this.#clock);
  }

  /** Sets the next transaction's timestamp (later ones follow one second apart). */
  setTime(iso: string): void {
    this.#clock = Date.parse(iso);
    if (Number.isNaN(this.#clock)) throw new Error(`not a date: ${iso}`);
  }

  /** Moves the clock on by `ms` milliseconds. */
  advance(ms: number): void {
    this.#clock += ms;
  }

  /** Submits a transaction: committed when it succeeds, nothing kept when it fails. */
  invoke(as: TestIdentity, fn: string, arg?: unknown): Promise<InvokeResult> {
    return this.#run(as, fn, arg, true);
  }

  /** Evaluates a transaction: never committed, whatever it wrote. */
  evaluate(as: TestIdentity, fn: string, arg?: unknown): Promise<InvokeResult> {
    return this.#run(as, fn, arg, false);
  }

  /** Submits and expects success; returns the parsed JSON result (undefined when empty). */
  async ok<T = unknown>(as: TestIdentity, fn: string, arg?: unknown): Promise<T> {
    const result = await this.invoke(as, fn, arg);
    if (!result.ok) throw new Error(`${fn} as ${as.mspId}/${String(as.role)} failed: ${result.message}`);
    return (result.payload === '' ? undefined : JSON.parse(result.payload)) as T;
  }

  /** Submits and expects a coded refusal; returns the decoded error. */
  async refused(as: TestIdentity, fn: string, arg?: unknown): Promise<AllianceError> {
    const result = await this.invoke(as, fn, arg);
    if (result.ok) throw new Error(`${fn} as ${as.mspId}/${String(as.role)} succeeded: ${result.payload}`);
    if (result.error === undefined)
      throw new Error(`${fn} failed without an alliance error: ${result.message}`);
    return result.error;
  }

  /** The committed JSON value of `key`. */
  state(key: string): unknown {
    const bytes = this.ledger.get(key);
    return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as unknown);
  }

  /** The composite key Fabric builds for `objectType` + `attrs`. */
  compositeKey(objectType: string, attrs: string[]): string {
    return `\x00${objectType}\x00${attrs.map((a) => `${a}\x00`).join('')}`;
  }

  /** The committed key-level endorsement policy of `key`. */
  keyPolicy(key: string): KeyPolicy | undefined {
    return decodeKeyPolicy(this.ledger.metadata(key, VALIDATION_PARAMETER));
  }

  /** Every domain event committed so far, oldest first. */
  events(): DomainEvent[] {
    return this.ledger.events.flatMap((e) => parseChaincodeEventPayload(e.payload)?.events ?? []);
  }

  async #run(as: TestIdentity, fn: string, arg: unknown, commit: boolean): Promise<InvokeResult> {
    this.#sequence += 1;
    const txId = createHash('sha256').update(`tx-${this.#sequence}`).digest('hex');
    const timestamp = new Date(this.#clock);
    this.#clock += 1000;
    const stub = new MemoryStub(this.ledger, {
      txId,
      channelId: 'alliance',
      timestamp,
      creator: { mspid: as.mspId, idBytes: Buffer.from(as.certPem, 'utf8') },
      args: [fn, ...encodeArgs(arg)].map((a) => Buffer.from(a, 'utf8')),
    });
    const response = await this.#dispatcher.Invoke(stub);
    if (response.status !== 200) {
      const message = response.message ?? '';
      return { ok: false, txId, status: response.status, message, error: decodeAllianceError(message) };
    }
    const writeSet = stub.writeSet();
    const keyPolicies: Record<string, KeyPolicy> = {};
    for (const key of [...writeSet.writes.keys(), ...writeSet.metadata.keys()]) {
      const policy = this.keyPolicy(key);
      if (policy !== undefined) keyPolicies[key] = policy;
    }
    if (commit) this.ledger.commit(writeSet);
    const events =
      writeSet.event === undefined ? [] : (parseChaincodeEventPayload(writeSet.event.payload)?.events ?? []);
    const payload = response.payload === undefined ? '' : Buffer.from(response.payload).toString('utf8');
    return { ok: true, txId, payload, events, keyPolicies };
  }
}
