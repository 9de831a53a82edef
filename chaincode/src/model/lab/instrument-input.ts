/** Validating parsers for the `instruments` contract's inputs. */
import { z } from 'zod';
import { identifier, isoDateTime, parserFor, text } from '../validate';
import { documentHash, qualificationTest, testLimit } from './common-input';
import { MAINTENANCE_KINDS, QUALIFICATION_STAGES, TECHNIQUES, USP_GROUPS } from './instrument';

const shortText = z.string().trim().min(1, 'must not be empty').max(200);

/** RegisterInstrument input (rule 6). */
export const registerInstrumentInput = z.strictObject({
  instrumentId: identifier,
  technique: z.enum(TECHNIQUES),
  uspGroup: z.enum(USP_GROUPS),
  manufacturer: shortText,
  model: shortText,
  serialNumber: shortText,
  softwareVersion: shortText,
  firmwareVersion: shortText,
  location: shortText,
  limitOverrides: z.array(z.strictObject({ testId: identifier, limit: testLimit })).default([]),
});
/** A validated RegisterInstrument input. */
export type RegisterInstrumentInput = z.infer<typeof registerInstrumentInput>;
/** Validates the RegisterInstrument argument. */
export const parseRegisterInstrumentInput = parserFor(registerInstrumentInput);

/** RecordQualification input (rule 7): every test and the documents, by hash. */
export const recordQualificationInput = z.strictObject({
  qualificationId: identifier,
  instrumentId: identifier,
  stage: z.enum(QUALIFICATION_STAGES),
  performedAt: isoDateTime,
  softwareVersion: shortText,
  firmwareVersion: shortText,
  tests: z.array(qualificationTest).min(1, 'must list every test'),
  documents: z.array(documentHash).min(1, 'must bind at least one document by hash'),
});
/** A validated RecordQualification input. */
export type RecordQualificationInput = z.infer<typeof recordQualificationInput>;
/** Validates the RecordQualification argument. */
export const parseRecordQualificationInput = parserFor(recordQualificationInput);

/** RecordMaintenance input (rule 10). */
export const recordMaintenanceInput = z
  .strictObject({
    maintenanceId: identifier,
    instrumentId: identifier,
    kind: z.enum(MAINTENANCE_KINDS),
    critical: z.boolean().default(false),
    description: text,
    performedAt: isoDateTime,
    newLocation: shortText.optional(),
  })
  .refine((m) => m.kind !== 'RELOCATION' || m.newLocation !== undefined, {
    path: ['newLocation'],
    message: 'a relocation must name the new location',
  });
/** A validated RecordMaintenance input. */
export type RecordMaintenanceInput = z.infer<typeof recordMaintenanceInput>;
/** Validates the RecordMaintenance argument. */
export const parseRecordMaintenanceInput = parserFor(recordMaintenanceInput);

/** ChangeConfiguration input: a new software and/or firmware version (rule 10). */
export const changeConfigurationInput = z
  .strictObject({
    instrumentId: identifier,
    softwareVersion: shortText.optional(),
    firmwareVersion: shortText.optional(),
    changedAt: isoDateTime,
    reason: text,
  })
  .refine((c) => c.softwareVersion !== undefined || c.firmwareVersion !== undefined, {
    path: ['softwareVersion'],
    message: 'must change the software or the firmware version',
  });
/** A validated ChangeConfiguration input. */
export type ChangeConfigurationInput = z.infer<typeof changeConfigurationInput>;
/** Validates the ChangeConfiguration argument. */
export const parseChangeConfigurationInput = parserFor(changeConfigurationInput);

/** SuspendInstrument / RetireInstrument input. */
export const instrumentReasonInput = z.strictObject({ instrumentId: identifier, reason: text });
/** Validates the SuspendInstrument / RetireInstrument argument. */
export const parseInstrumentReasonInput = parserFor(instrumentReasonInput);

/** RecordDailyCheck input (rule 11). */
export const recordDailyCheckInput = z.strictObject({
  checkId: identifier,
  instrumentId: identifier,
  kind: z.enum(['TUNE', 'SST']),
  performedAt: isoDateTime,
  tests: z.array(qualificationTest).min(1, 'must list the check results'),
});
/** A validated RecordDailyCheck input. */
export type RecordDailyCheckInput = z.infer<typeof recordDailyCheckInput>;
/** Validates the RecordDailyCheck argument. */
export const parseRecordDailyCheckInput = parserFor(recordDailyCheckInput);

/** GetInstrument input. */
export const instrumentRefInput = z.strictObject({ instrumentId: identifier });
/** Validates the GetInstrument argument. */
export const parseInstrumentRefInput = parserFor(instrumentRefInput);

/** InstrumentStateAt input: the state at a given instant (default: ledger time). */
export const instrumentStateAtInput = z.strictObject({
  instrumentId: identifier,
  at: isoDateTime.optional(),
});
/** Validates the InstrumentStateAt argument. */
export const parseInstrumentStateAtInput = parserFor(instrumentStateAtInput);
