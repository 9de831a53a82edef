/**
 * Audit trail (domain reference §2.6, rule 3). Every record carries the stamp of its creation
 * and of its latest change; older versions stay in the key's history; and every change of a
 * record that already existed writes an {@link AuditTrailEntry} of its own: who, when (ledger
 * time and the client's claimed time), why, which fields went from what to what, and the
 * hashes that chain the versions.
 */
import { z } from 'zod';
import { identifier, parserFor } from './validate';

/** The identity that performed an action. */
export interface Actor {
  mspId: string;
  /** Unique user id within the MSP (X.509 subject and issuer). */
  userId: string;
  /** Certificate common name. */
  printedName: string;
}

/** Who did something, when, and (for changes) why. */
export interface AuditStamp {
  by: Actor;
  /** Ledger time, ISO 8601 UTC. */
  at: string;
  /** The stated reason; mandatory for corrections and governance changes. */
  reason?: string;
}

/**
 * A record as clients name it: a composite key's object type and attributes (`lot` +
 * [`09506000134352.VEB3`]), or a plain key (`policy.current`).
 */
export type RecordRef = { objectType: string; attributes: string[] } | { key: string };

/** One field of a record that a change added, removed or modified. */
export interface FieldChange {
  /** Dotted path into the record (`updated.reason`, `timeline.4`); '' for the value as a whole. */
  field: string;
  kind: 'ADDED' | 'REMOVED' | 'MODIFIED';
  /** The value before the change (absent when ADDED). */
  old?: unknown;
  /** The value after the change (absent when REMOVED). */
  new?: unknown;
}

/** One change of one existing record, written by the transaction that made it. */
export interface AuditTrailEntry {
  record: RecordRef;
  txId: string;
  /** The transaction that made the change, `<contract>:<Tx>`. */
  transaction: string;
  /** Ledger time (the transaction's timestamp), ISO 8601 UTC. */
  at: string;
  by: Actor;
  /** Never empty: the reason the caller stated, or the transaction's own meaning. */
  reason: string;
  /** The time the client claims for the event, when the transaction carries one. */
  eventTime?: string;
  /** That time's offset from UTC (`+08:00`). */
  eventTimeZoneOffset?: string;
  /** SHA-256 (hex) of the record's bytes before the change: the version the key history holds. */
  previousVersionHash: string;
  /** SHA-256 (hex) of the record's bytes after the change. */
  versionHash: string;
  /** Every field that differs, in path order. */
  changes: FieldChange[];
}

/** Object type of the trail entries of composite keys: + [objectType, ...attributes, at, txId]. */
export const AUDIT_CHANGE_KEY_TYPE = 'audit~change';

/** Object type of the trail entries of plain keys: + [key, at, txId]. */
export const AUDIT_PLAIN_CHANGE_KEY_TYPE = 'audit~plain';

/** Schema of `audit:GetAuditTrail`'s input: the record whose trail to read. */
export const auditTrailInput: z.ZodType<RecordRef> = z.union([
  z.strictObject({ objectType: identifier, attributes: z.array(identifier) }),
  z.strictObject({ key: identifier }),
]);

/** Validates the `audit:GetAuditTrail` argument. */
export const parseAuditTrailInput: (raw: unknown) => RecordRef = parserFor(auditTrailInput);
