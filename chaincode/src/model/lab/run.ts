/**
 * Test runs (rules 11, 14, 17): the instrument, calibration and daily check behind a sequence,
 * the tested lot, and the SHA-256 of every raw-data file with its acquisition time. Whether the
 * run is calibration-traceable is computed, never stated.
 */
import { z } from 'zod';
import type { AuditStamp } from '../audit';
import { identifier, isoDateTime, parserFor, sha256Hex, text } from '../validate';
import { lotId } from '../supply/epcis';
import { finite } from './common-input';
import type { RunSuitability } from './method';
import type { TraceabilityClass } from './reference-material';

/** One raw-data file bound by hash. */
export interface RawDataFile {
  fileName: string;
  sha256: string;
  acquiredAt: string;
}

/** A run on the ledger. */
export interface RunRecord {
  runId: string;
  labMspId: string;
  instrumentId: string;
  calibrationId: string;
  dailyCheckId: string;
  lotId: string;
  methodId: string;
  methodVersion: string;
  startedAt: string;
  endedAt: string;
  rawData: RawDataFile[];
  suitability?: RunSuitability;
  traceabilityClass: TraceabilityClass;
  /** Rule 14: T1/T2 and calibratedAt ≤ start ≤ dueAt (and no CRM expired by the start). */
  calibrationTraceable: boolean;
  additionalVerificationRequired: boolean;
  traceabilityReasons: string[];
  lateEntry: boolean;
  recorded: AuditStamp;
}

/** RecordRun input. */
export const recordRunInput = z
  .strictObject({
    runId: identifier,
    instrumentId: identifier,
    calibrationId: identifier,
    dailyCheckId: identifier,
    lotId,
    methodId: identifier,
    methodVersion: identifier,
    startedAt: isoDateTime,
    endedAt: isoDateTime,
    rawData: z
      .array(z.strictObject({ fileName: text, sha256: sha256Hex, acquiredAt: isoDateTime }))
      .min(1, 'must bind at least one raw-data file by hash'),
    suitability: z
      .strictObject({
        driftPct: finite.optional(),
        ionRatioDeviationPct: finite.optional(),
        retentionTimeDeviationMin: finite.optional(),
      })
      .optional(),
  })
  .refine((r) => Date.parse(r.startedAt) <= Date.parse(r.endedAt), {
    path: ['endedAt'],
    message: 'must not be before startedAt',
  });
/** A validated RecordRun input. */
export type RecordRunInput = z.infer<typeof recordRunInput>;
/** Validates the RecordRun argument. */
export const parseRecordRunInput = parserFor(recordRunInput);

/** GetRun input. */
export const runRefInput = z.strictObject({ runId: identifier });
/** Validates the GetRun argument. */
export const parseRunRefInput = parserFor(runRefInput);
