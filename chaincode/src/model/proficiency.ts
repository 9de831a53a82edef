/**
 * Proficiency-test results (rule 16; ISO 13528, CNAS-RL02): one lab's score in one round of a
 * scheme, for one sub-field (analyte x matrix). The PT-currency rule reads them.
 */
import { z } from 'zod';
import type { AuditStamp } from './audit';
import { identifier, isoDate, mspId, parserFor, text } from './validate';

/** Score types a PT scheme reports. */
export const PT_SCORE_TYPES = ['z', 'En'] as const;

/** One of {@link PT_SCORE_TYPES}. */
export type PtScoreType = (typeof PT_SCORE_TYPES)[number];

/** One recorded PT result. */
export interface ProficiencyTestRecord {
  labMspId: string;
  /** PT scheme (provider's scheme id). */
  scheme: string;
  round: string;
  analyte: string;
  matrix: string;
  scoreType: PtScoreType;
  score: number;
  /** Date of the round's report, ISO date. */
  date: string;
  /** PT provider name, if given. */
  provider?: string;
  recorded: AuditStamp;
}

/** RecordProficiencyTest input. */
export const recordProficiencyTestInput = z.strictObject({
  labMspId: mspId,
  scheme: identifier,
  round: identifier,
  analyte: identifier,
  matrix: identifier,
  scoreType: z.enum(PT_SCORE_TYPES),
  score: z.number().min(-1000).max(1000),
  date: isoDate,
  provider: text.optional(),
});
/** A validated RecordProficiencyTest input. */
export type RecordProficiencyTestInput = z.infer<typeof recordProficiencyTestInput>;
/** Validates the RecordProficiencyTest argument. */
export const parseRecordProficiencyTestInput = parserFor(recordProficiencyTestInput);

/** ListProficiencyTests input: one lab, optionally narrowed to a sub-field. */
export const listProficiencyTestsInput = z
  .strictObject({ labMspId: mspId, analyte: identifier.optional(), matrix: identifier.optional() })
  .refine((q) => q.matrix === undefined || q.analyte !== undefined, {
    path: ['matrix'],
    message: 'needs analyte too (sub-fields are analyte x matrix)',
  });
/** Validates the ListProficiencyTests argument. */
export const parseListProficiencyTestsInput = parserFor(listProficiencyTestsInput);
