/**
 * The per-transaction context every alliance transaction receives: ledger access, ledger time,
 * the caller as the certificate names them, the one JSON argument, the domain events that
 * are set as ONE chaincode event when the transaction succeeds, and what the audit trail says
 * of the transaction's changes (who, when, why).
 */
import { X509Certificate } from 'node:crypto';
import { Context } from 'fabric-contract-api';
import type { ChangeOrigin } from '../ledger/audit-entry';
import { CURRENT_POLICY_KEY, memberKey } from '../ledger/governance-keys';
import { toLedgerBytes } from '../ledger/json';
import { LedgerStore, timestampMillis } from '../ledger/store';
import type { Actor, AuditStamp } from '../model/audit';
import { AllianceError } from '../model/errors';
import { CHAINCODE_EVENT_NAME, type DomainEvent, type EventSubject } from '../model/events';
import type { MemberRecord } from '../model/member';
import type { PolicyDocument } from '../model/policy';
import { toUserRole, USER_ROLE_ATTRIBUTE, type UserRole } from '../model/roles';
import type { ElectronicSignature, SignatureMeaning } from '../model/signature';
import { emptyInput, parserFor } from '../model/validate';
import { buildSignature } from '../rules/signatures';
import { claimedEventTime, statedReason, type ClaimedTime } from './change-claims';

const parseEmptyInput = parserFor(emptyInput);

/** The caller of the transaction. */
export interface Caller extends Actor {
  /** The certificate's `alliance.role` attribute, when it names a known role. */
  userRole: UserRole | undefined;
}

/** The common name (CN) of a PEM or DER certificate's subject; '' when it has none. */
function commonName(idBytes: Uint8Array): string {
  const subject = new X509Certificate(Buffer.from(idBytes)).subject;
  const cn = subject.split('\n').find((line) => line.startsWith('CN='));
  return cn === undefined ? '' : cn.slice(3);
}

/** Context of one alliance transaction. Fields are read lazily: the stub is set after construction. */
export class AllianceContext extends Context {
  #store: LedgerStore | undefined;
  #caller: Caller | undefined;
  #argument: string | undefined;
  #transaction = '';
  #statedReason: string | undefined;
  #claimedTime: ClaimedTime | undefined;
  readonly #events: DomainEvent[] = [];

  /** World-state access (canonical JSON, composite keys, key-level policies, audit trail). */
  get store(): LedgerStore {
    this.#store ??= new LedgerStore(this.stub, () => this.reason);
    return this.#store;
  }

  /** Set by the contract before dispatch: the transaction as clients call it, `<contract>:<Tx>`. */
  setTransaction(name: string): void {
    this.#transaction = name;
  }

  /** The transaction's name, `<contract>:<Tx>`. */
  get transaction(): string {
    return this.#transaction;
  }

  /**
   * Why the writes made now are made (rule 3: never empty): the reason the transaction last
   * stated, in its input's `reason` or in a {@link stamp}, else the transaction's own name.
   */
  get reason(): string {
    return this.#statedReason ?? this.#transaction;
  }

  /** Who changes records in this transaction, when, and through which transaction. */
  changeOrigin(): ChangeOrigin {
    return {
      txId: this.txId,
      transaction: this.#transaction,
      at: this.now,
      by: this.actor,
      ...this.#claimedTime,
    };
  }

  /** The transaction id. */
  get txId(): string {
    return this.stub.getTxID();
  }

  /** Ledger time: the proposal's timestamp, identical on every endorser. */
  get ledgerTime(): Date {
    return new Date(timestampMillis(this.stub.getTxTimestamp()));
  }

  /** {@link ledgerTime} as ISO 8601 UTC. */
  get now(): string {
    return this.ledgerTime.toISOString();
  }

  /** Who is calling: MSP, unique id, printed name (certificate CN) and user role. */
  get caller(): Caller {
    this.#caller ??= {
      mspId: this.clientIdentity.getMSPID(),
      userId: this.clientIdentity.getID(),
      printedName: commonName(this.clientIdentity.getIDBytes()),
      userRole: toUserRole(this.clientIdentity.getAttributeValue(USER_ROLE_ATTRIBUTE)),
    };
    return this.#caller;
  }

  /** The caller as an audit-trail actor. */
  get actor(): Actor {
    const { mspId, userId, printedName } = this.caller;
    return { mspId, userId, printedName };
  }

  /** An audit stamp for a change made now by the caller; a reason given becomes the {@link reason}. */
  stamp(reason?: string): AuditStamp {
    if (reason !== undefined && reason.trim() !== '') this.#statedReason = reason;
    return reason === undefined ? { by: this.actor, at: this.now } : { by: this.actor, at: this.now, reason };
  }

  /** Set by the contract before dispatch: the raw JSON argument, if any. */
  setArgument(argument: string | undefined): void {
    this.#argument = argument;
  }

  /** The transaction's argument parsed by a model parser (throws VALIDATION_FAILED). */
  input<T>(parse: (raw: unknown) => T): T {
    return this.#noteClaims(parse(this.#argument));
  }

  /** Like {@link input}, but `fallback` when the transaction was called without an argument. */
  optionalInput<T>(parse: (raw: unknown) => T, fallback: T): T {
    return this.#argument === undefined ? fallback : this.#noteClaims(parse(this.#argument));
  }

  /** Keeps the reason and event time a validated input states, for the audit trail. */
  #noteClaims<T>(input: T): T {
    this.#statedReason = statedReason(input) ?? this.#statedReason;
    this.#claimedTime = claimedEventTime(input) ?? this.#claimedTime;
    return input;
  }

  /** For transactions without fields: accepts no argument or `{}`, refuses anything else. */
  expectNoInput(): void {
    this.optionalInput(parseEmptyInput, {});
  }

  /** The raw JSON argument text, if one was given. */
  get argument(): string | undefined {
    return this.#argument;
  }

  /** Records a domain event; all events of the transaction are set together on success. */
  emit(type: string, subject: EventSubject, data: Record<string, unknown>): void {
    this.#events.push({ id: `${this.txId}:${this.#events.length}`, type, subject, data });
  }

  /** The events recorded so far (read-only view, for tests and hooks). */
  get events(): readonly DomainEvent[] {
    return this.#events;
  }

  /** Sets the one chaincode event of the transaction (called after the transaction succeeded). */
  flushEvents(): void {
    if (this.#events.length === 0) return;
    this.stub.setEvent(CHAINCODE_EVENT_NAME, toLedgerBytes({ events: this.#events, txId: this.txId }));
  }

  /** A signature of the caller on the record version with SHA-256 `recordHash`, at ledger time. */
  sign(meaning: SignatureMeaning, recordHash: string): ElectronicSignature {
    return buildSignature(this.caller, meaning, recordHash, this.ledgerTime);
  }

  /**
   * The policy document in force.
   * @throws AllianceError NOT_BOOTSTRAPPED before the bootstrap transaction.
   */
  async policy(): Promise<PolicyDocument> {
    const policy = await this.store.get<PolicyDocument>(CURRENT_POLICY_KEY);
    if (policy === undefined)
      throw new AllianceError('NOT_BOOTSTRAPPED', 'the alliance has not been bootstrapped');
    return policy;
  }

  /** The registry record of `mspId`, if it is a member. */
  async member(mspId: string): Promise<MemberRecord | undefined> {
    return this.store.get<MemberRecord>(memberKey(this.store, mspId));
  }
}
