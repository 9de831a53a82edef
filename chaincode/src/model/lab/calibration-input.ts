/** Validating parsers for the `calibrations` contract's inputs (CRMs and calibrations). */
import { z } from 'zod';
import { identifier, isoDate, isoDateTime, parserFor, positiveNumber, sha256Hex, text } from '../validate';
import { finite, uniqueList } from './common-input';

const shortText = z.string().trim().min(1, 'must not be empty').max(200);

/** RegisterCrm input (rule 12). */
export const registerCrmInput = z
  .strictObject({
    crmId: identifier,
    producer: shortText,
    catalogueCode: shortText,
    lot: shortText,
    certificateId: identifier.optional(),
    certificateSha256: sha256Hex.optional(),
    certifiedValues: z
      .array(
        z.strictObject({
          analyte: identifier,
          species: identifier.optional(),
          value: finite,
          unit: shortText,
          U: finite.nonnegative(),
          k: positiveNumber,
        }),
      )
      .min(1, 'must list at least one certified value'),
    expiresAt: isoDateTime,
    producerAccreditation: z
      .strictObject({
        standard: z.literal('ISO 17034'),
        body: identifier,
        certificateNumber: identifier,
        validFrom: isoDate,
        validTo: isoDate,
      })
      .refine((a) => a.validFrom <= a.validTo, { path: ['validTo'], message: 'must not be before validFrom' })
      .optional(),
    nmiInstitute: identifier.optional(),
  })
  .refine((c) => (c.certificateId === undefined) === (c.certificateSha256 === undefined), {
    path: ['certificateSha256'],
    message: 'a certificate needs both its id and its SHA-256',
  });
/** A validated RegisterCrm input. */
export type RegisterCrmInput = z.infer<typeof registerCrmInput>;
/** Validates the RegisterCrm argument. */
export const parseRegisterCrmInput = parserFor(registerCrmInput);

/** GetCrm / RecordCrmExpiry input. */
export const crmRefInput = z.strictObject({ crmId: identifier });
/** Validates a `{crmId}` argument. */
export const parseCrmRefInput = parserFor(crmRefInput);

/** RevokeCrm input. */
export const revokeCrmInput = z.strictObject({ crmId: identifier, reason: text });
/** Validates the RevokeCrm argument. */
export const parseRevokeCrmInput = parserFor(revokeCrmInput);

/** RecordCalibration input (rules 12-14): never a traceability class, which is computed. */
export const recordCalibrationInput = z
  .strictObject({
    calibrationId: identifier,
    instrumentId: identifier,
    crmIds: uniqueList(identifier, 'CRM'),
    calibratedAt: isoDateTime,
    dueAt: isoDateTime,
    points: z
      .array(
        z.strictObject({
          analyte: identifier,
          nominal: finite,
          measured: finite,
          unit: shortText,
          tolerancePct: finite.positive(),
        }),
      )
      .min(1, 'must list at least one calibration point'),
  })
  .refine((c) => Date.parse(c.calibratedAt) < Date.parse(c.dueAt), {
    path: ['dueAt'],
    message: 'must be after calibratedAt',
  });
/** A validated RecordCalibration input. */
export type RecordCalibrationInput = z.infer<typeof recordCalibrationInput>;
/** Validates the RecordCalibration argument. */
export const parseRecordCalibrationInput = parserFor(recordCalibrationInput);

/** GetCalibration input. */
export const calibrationRefInput = z.strictObject({ calibrationId: identifier });
/** Validates the GetCalibration argument. */
export const parseCalibrationRefInput = parserFor(calibrationRefInput);
