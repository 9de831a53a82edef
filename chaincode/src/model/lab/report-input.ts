/** Validating parsers for the `reports` contract's inputs. */
import { z } from 'zod';
import { identifier, isoDateTime, mspId, parserFor, positiveNumber, sha256Hex, text } from '../validate';
import { lotId } from '../supply/epcis';
import { documentHash, finite, uniqueList } from './common-input';

const result = z.strictObject({
  analyte: identifier,
  species: identifier.default('total'),
  value: finite,
  unit: z.string().trim().min(1).max(20),
  U: finite.nonnegative(),
  k: positiveNumber,
  loq: finite.positive().optional(),
  basis: z.enum(['AS_IS', 'DRY']),
  testRunIds: uniqueList(identifier, 'test run'),
});

/** CreateReport input (rule 17). A report without structured results (a PDF-only submission) is refused. */
export const createReportInput = z
  .strictObject({
    reportId: identifier,
    title: text,
    customer: text,
    lotId,
    productId: identifier,
    material: identifier.optional(),
    matrix: identifier,
    sampledAt: isoDateTime,
    receivedAt: isoDateTime,
    issuedAt: isoDateTime,
    method: z.strictObject({ methodId: identifier, version: identifier, pharmacopoeialRef: text.optional() }),
    conformityStatement: z.boolean(),
    results: z
      .array(result, { message: 'structured results are required: PDF-only reports are refused' })
      .min(1, 'structured results are required: PDF-only reports are refused'),
    labelClaims: z
      .strictObject({
        vitaminE: z.enum(['NATURAL_RRR', 'SYNTHETIC_ALL_RAC']).optional(),
        vitaminK1PhEurGrade: z.boolean().optional(),
        folateForm: z.enum(['folic acid', 'L-5-MTHF']).optional(),
      })
      .optional(),
    attachments: z.array(documentHash).default([]),
    deviations: z.array(text).default([]),
    supersedes: identifier.optional(),
    amendmentReason: text.optional(),
  })
  .refine((r) => r.supersedes === undefined || r.amendmentReason !== undefined, {
    path: ['amendmentReason'],
    message: 'an amendment needs a reason',
  });
/** A validated CreateReport input. */
export type CreateReportInput = z.infer<typeof createReportInput>;
/** Validates the CreateReport argument. */
export const parseCreateReportInput = parserFor(createReportInput);

/** Submit/Sign/Review/Approve/Verify/GetReport/GetRecognition input. */
export const reportRefInput = z.strictObject({ reportId: identifier });
/** Validates a `{reportId}` argument. */
export const parseReportRefInput = parserFor(reportRefInput);

/** RevokeReport input. */
export const revokeReportInput = z.strictObject({ reportId: identifier, reason: text });
/** Validates the RevokeReport argument. */
export const parseRevokeReportInput = parserFor(revokeReportInput);

/** ReportsForLot input. */
export const reportsForLotInput = z.strictObject({ lotId });
/** Validates the ReportsForLot argument. */
export const parseReportsForLotInput = parserFor(reportsForLotInput);

/** SuspendRecognition input: a lab's recognitions, for some analytes or all. */
export const suspendRecognitionInput = z.strictObject({
  labMspId: mspId,
  analytes: z.union([z.literal('ALL'), uniqueList(identifier, 'analyte')]),
  cause: text,
});
/** Validates the SuspendRecognition argument. */
export const parseSuspendRecognitionInput = parserFor(suspendRecognitionInput);

const recovery = z.strictObject({ levelPctOfJ: positiveNumber, meanRecoveryPct: finite.nonnegative() });

/** RecordMethodValidation input (rule 26). */
export const recordMethodValidationInput = z.strictObject({
  methodId: identifier,
  version: identifier,
  kind: z.enum(['ELEMENTAL', 'LC_MS_MS', 'HPLC']),
  pharmacopoeialRef: text.optional(),
  analytes: uniqueList(identifier, 'analyte'),
  recovery: z.array(recovery),
  repeatabilityRsdPct: finite.nonnegative(),
  intermediatePrecisionRsdPct: finite.nonnegative().optional(),
  acceptance: z
    .strictObject({ recoveryMinPct: finite, recoveryMaxPct: finite, rsdMaxPct: finite.positive() })
    .optional(),
  resolvesIsomers: z.boolean().default(false),
  reportSha256: sha256Hex,
});
/** A validated RecordMethodValidation input. */
export type RecordMethodValidationInput = z.infer<typeof recordMethodValidationInput>;
/** Validates the RecordMethodValidation argument. */
export const parseRecordMethodValidationInput = parserFor(recordMethodValidationInput);
