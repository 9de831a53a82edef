/**
 * Construction of one audit-trail entry (rule 3) from the bytes a key held before and after a
 * transaction, and the keys entries live under. An entry's key sorts the entries of one record
 * by ledger time, then transaction id, under a prefix that names the record.
 */
import { createHash } from 'node:crypto';
import {
  AUDIT_CHANGE_KEY_TYPE,
  AUDIT_PLAIN_CHANGE_KEY_TYPE,
  type Actor,
  type AuditTrailEntry,
  type RecordRef,
} from '../model/audit';
import { diffFields } from './field-diff';
import { fromLedgerBytes } from './json';

/** What every change made by one transaction shares: who, when, through which transaction. */
export interface ChangeOrigin {
  txId: string;
  /** `<contract>:<Tx>`. */
  transaction: string;
  /** Ledger time, ISO 8601 UTC. */
  at: string;
  by: Actor;
  /** The client's claimed time of the event, when the transaction carries one. */
  eventTime?: string;
  eventTimeZoneOffset?: string;
}

/** A composite-key prefix: object type and leading attributes. */
export interface KeyScope {
  objectType: string;
  attributes: string[];
}

/** SHA-256 (lower-case hex) of stored bytes: the hash that names one version of a record. */
export function versionHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The prefix under which every trail entry of `record` lives. */
export function trailScope(record: RecordRef): KeyScope {
  return 'key' in record
    ? { objectType: AUDIT_PLAIN_CHANGE_KEY_TYPE, attributes: [record.key] }
    : { objectType: AUDIT_CHANGE_KEY_TYPE, attributes: [record.objectType, ...record.attributes] };
}

/** The key parts of the entry written for `record` by transaction `txId` at ledger time `at`. */
export function trailEntryKey(record: RecordRef, at: string, txId: string): KeyScope {
  const scope = trailScope(record);
  return { objectType: scope.objectType, attributes: [...scope.attributes, at, txId] };
}

/** True for the object types trail entries use, which nothing but the trail may write. */
export function isTrailKeyType(objectType: string | null): boolean {
  return objectType === AUDIT_CHANGE_KEY_TYPE || objectType === AUDIT_PLAIN_CHANGE_KEY_TYPE;
}

/** One change to describe: the record, its bytes before and after, and the reason in force. */
export interface RecordChange {
  record: RecordRef;
  previous: Uint8Array;
  next: Uint8Array;
  reason: string;
}

/**
 * The entry describing `change`, or undefined when the bytes did not change (a rewrite of the
 * same value is no change).
 * @throws Error when the reason is empty: the chaincode must never write a change without one.
 */
export function buildTrailEntry(change: RecordChange, origin: ChangeOrigin): AuditTrailEntry | undefined {
  if (Buffer.from(change.previous).equals(Buffer.from(change.next))) return undefined;
  if (change.reason.trim() === '')
    throw new Error(`a change of ${JSON.stringify(change.record)} has no reason`);
  const entry: AuditTrailEntry = {
    record: change.record,
    txId: origin.txId,
    transaction: origin.transaction,
    at: origin.at,
    by: origin.by,
    reason: change.reason,
    previousVersionHash: versionHash(change.previous),
    versionHash: versionHash(change.next),
    changes: diffFields(fromLedgerBytes(change.previous), fromLedgerBytes(change.next)),
  };
  if (origin.eventTime !== undefined) entry.eventTime = origin.eventTime;
  if (origin.eventTimeZoneOffset !== undefined) entry.eventTimeZoneOffset = origin.eventTimeZoneOffset;
  return entry;
}
