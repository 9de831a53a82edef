/**
 * The verdict on a lot or batch (rule 31, 33, 34, 8.9): releasable and trusted, with every
 * reason and the evidence behind it, and the supplier badges of rules 36-37.
 */
import type { ElementExposure } from '../../rules/supply/exposure';
import type { LotState } from '../../rules/supply/lot-state';
import type { ReleaseReason } from '../../rules/supply/release';
import type { AuditStamp } from '../audit';
import { mspId, parserFor, z } from '../validate';
import { gtin14, lotId } from './epcis';

/** The ids a verdict rests on, so anyone can follow it back through the ledger. */
export interface VerdictEvidence {
  reports: string[];
  runs: string[];
  instruments: string[];
  calibrations: string[];
  verifications: string[];
  holds: string[];
}

/** A reason a lot is not releasable or not trusted. */
export interface VerdictReason {
  code:
    | ReleaseReason['code']
    | 'STATE'
    | 'EXPOSURE_EXCEEDED'
    | 'EXPOSURE_UNKNOWN'
    | 'INPUT_NOT_RELEASED'
    | 'NOT_T1'
    | 'LATE_ENTRY'
    | 'NO_EVIDENCE';
  message: string;
  analyte?: string;
  reportId?: string;
  refId?: string;
}

/** The answer of `verdicts:GetVerdict`. */
export interface Verdict {
  lotId: string;
  kind: 'RAW_MATERIAL' | 'BATCH';
  state: LotState;
  releasable: boolean;
  trusted: boolean;
  reasons: VerdictReason[];
  evidence: VerdictEvidence;
  exposure?: ElementExposure[];
  badges: string[];
  evaluatedAt: string;
}

/** Parses the input of `verdicts:GetVerdict`. */
export const parseVerdictInput: (raw: unknown) => { lotId: string } = parserFor(z.strictObject({ lotId }));

/** Input of the badge transactions: a supplier and a material (GTIN). */
export interface BadgeInput {
  supplier: string;
  gtin: string;
}

/** Parses the input of `verdicts:AssessBadge` and `verdicts:GetBadge`. */
export const parseBadgeInput: (raw: unknown) => BadgeInput = parserFor(
  z.strictObject({ supplier: mspId, gtin: gtin14 }),
);

/** The badge record of a supplier and material, rewritten only when it changes. */
export interface BadgeRecord {
  supplier: string;
  gtin: string;
  trustedSource: boolean;
  fastReview: boolean;
  reasons: string[];
  qualifyingLots: string[];
  windowStart: string;
  policyVersion: number;
  assessed: AuditStamp;
}

/** The key attributes of a badge, for composite keys. */
export const badgeKeyAttrs = (input: BadgeInput): string[] => [input.supplier, input.gtin];
