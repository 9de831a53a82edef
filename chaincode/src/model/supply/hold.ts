/**
 * Holds (rule 33): a hold is a key of its own under the lot, so any member with the right role
 * can flag another member's lot or batch without the owner's endorsement.
 */
import type { AuditStamp } from '../audit';
import { identifier, parserFor, text, z } from '../validate';
import { lotId } from './epcis';

/** Why a lot was flagged. */
export const HOLD_CAUSE_KINDS = [
  'INSTRUMENT_NOT_QUALIFIED',
  'CALIBRATION_NOT_TRACEABLE',
  'CRM_REVOKED',
  'LAB_SUSPENDED',
  'VERIFICATION_FAILED',
  'REJECTED',
  'RECALLED',
  'MANUAL',
] as const;

/** The cause of a hold: its kind, the record behind it and a reason in words. */
export interface HoldCause {
  kind: (typeof HOLD_CAUSE_KINDS)[number];
  refId: string;
  reason: string;
}

/** Schema of a hold cause. */
export const holdCause = z.strictObject({ kind: z.enum(HOLD_CAUSE_KINDS), refId: identifier, reason: text });

/** A hold on one lot or batch. */
export interface HoldRecord {
  holdId: string;
  lotId: string;
  cause: HoldCause;
  /** The flagged lot this hold came from (itself for a direct flag, an upstream lot when propagated). */
  originLotId: string;
  status: 'OPEN' | 'CLOSED';
  opened: AuditStamp;
  closed?: AuditStamp & { basis: 'NEW_VERIFIED_REPORT' | 'CAUSE_CLOSED'; reportId?: string };
}

/** Input of `lots:FlagLots`. */
export interface FlagLotsInput {
  lotIds: string[];
  cause: HoldCause;
}

/** Parses the input of `lots:FlagLots` (manual flags; other areas call the hook directly). */
export const parseFlagLotsInput: (raw: unknown) => FlagLotsInput = parserFor(
  z.strictObject({ lotIds: z.array(lotId).min(1).max(100), cause: holdCause }),
);

/** Input of `lots:LiftHold`: by a new VERIFIED report on the lot, or because the cause is closed. */
export type LiftHoldInput =
  | { lotId: string; holdId: string; basis: 'NEW_VERIFIED_REPORT'; reportId: string }
  | { lotId: string; holdId: string; basis: 'CAUSE_CLOSED'; reason: string };

/** Parses the input of `lots:LiftHold`. */
export const parseLiftHoldInput: (raw: unknown) => LiftHoldInput = parserFor(
  z.discriminatedUnion('basis', [
    z.strictObject({
      lotId,
      holdId: identifier,
      basis: z.literal('NEW_VERIFIED_REPORT'),
      reportId: identifier,
    }),
    z.strictObject({ lotId, holdId: identifier, basis: z.literal('CAUSE_CLOSED'), reason: text }),
  ]),
);
