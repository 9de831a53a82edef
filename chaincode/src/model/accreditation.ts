/**
 * Laboratory accreditation (rule 15, domain reference §3.1-3.3): kept by the ACCREDITATION_REGISTRAR
 * from the accreditation bodies' directories and the ILAC signatory list.
 */
import { z } from 'zod';
import type { AuditStamp } from './audit';
import { identifier, isoDate, mspId, parserFor, text } from './validate';

/** Accreditation status. WITHDRAWN is final. */
export const ACCREDITATION_STATUSES = ['ACTIVE', 'SUSPENDED', 'WITHDRAWN'] as const;

/** One of {@link ACCREDITATION_STATUSES}. */
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

/** One accredited test: analyte x matrix x method (id and version). */
export interface ScopeItem {
  analyte: string;
  matrix: string;
  methodId: string;
  methodVersion: string;
}

/** One status change, kept so the status on any past date can be answered. */
export interface AccreditationStatusChange {
  status: AccreditationStatus;
  /** Ledger time the status took effect, ISO 8601 UTC. */
  at: string;
  reason: string;
}

/** An accreditation of one lab by one body under one certificate. */
export interface AccreditationRecord {
  labMspId: string;
  /** Accreditation body (CNAS, UKAS, A2LA, DAkkS, ...). */
  body: string;
  /** The body is an ILAC-MRA signatory for testing (ISO/IEC 17025). */
  ilacMraSignatory: boolean;
  certificateNumber: string;
  /** First and last day of validity (inclusive), ISO dates. */
  validFrom: string;
  validTo: string;
  status: AccreditationStatus;
  /** Every status since creation, oldest first. */
  statusHistory: AccreditationStatusChange[];
  scope: ScopeItem[];
  version: number;
  created: AuditStamp;
  updated: AuditStamp;
}

/** Schema of a scope item. */
export const scopeItem = z.strictObject({
  analyte: identifier,
  matrix: identifier,
  methodId: identifier,
  methodVersion: identifier,
});

const accreditationRef = {
  labMspId: mspId,
  body: identifier,
  certificateNumber: identifier,
};

/** RecordAccreditation input: creates, or revises (with a reason) an existing accreditation. */
export const recordAccreditationInput = z
  .strictObject({
    ...accreditationRef,
    ilacMraSignatory: z.boolean(),
    validFrom: isoDate,
    validTo: isoDate,
    scope: z
      .array(scopeItem)
      .min(1, 'must list at least one scope item')
      .refine(
        (items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length,
        'must not repeat a scope item',
      ),
    reason: text.optional(),
  })
  .refine((a) => a.validFrom <= a.validTo, { path: ['validTo'], message: 'must not be before validFrom' });

/** A validated RecordAccreditation input. */
export type RecordAccreditationInput = z.infer<typeof recordAccreditationInput>;
/** Validates the RecordAccreditation argument. */
export const parseRecordAccreditationInput = parserFor(recordAccreditationInput);

/** SetAccreditationStatus input. */
export const setAccreditationStatusInput = z.strictObject({
  ...accreditationRef,
  status: z.enum(ACCREDITATION_STATUSES),
  reason: text,
});
/** A validated SetAccreditationStatus input. */
export type SetAccreditationStatusInput = z.infer<typeof setAccreditationStatusInput>;
/** Validates the SetAccreditationStatus argument. */
export const parseSetAccreditationStatusInput = parserFor(setAccreditationStatusInput);

/** GetAccreditation input. */
export const accreditationRefInput = z.strictObject(accreditationRef);
/** Validates the GetAccreditation argument. */
export const parseAccreditationRefInput = parserFor(accreditationRefInput);

/** ListAccreditations input: one lab, or every lab when omitted. */
export const listAccreditationsInput = z.strictObject({ labMspId: mspId.optional() });
/** Validates the ListAccreditations argument. */
export const parseListAccreditationsInput = parserFor(listAccreditationsInput);
