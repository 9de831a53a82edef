/**
 * The evidence behind a report, read from the ledger: its runs with their instruments and
 * calibrations (traceability recomputed, so a CRM revoked since counts), the lab's
 * accreditation and membership, and its PT results.
 */
import type { AccreditationRecord } from '../../model/accreditation';
import type { CalibrationRecord } from '../../model/lab/calibration';
import type { InstrumentRecord } from '../../model/lab/instrument';
import type { CrmRecord } from '../../model/lab/reference-material';
import type { RunRecord } from '../../model/lab/run';
import type { ProficiencyTestRecord } from '../../model/proficiency';
import { runTraceability } from '../../rules/lab/calibration';
import type { AccreditationFacts } from '../../rules/lab/recognition';
import { instantMs } from '../../rules/lab/time';
import { usableThroughout } from '../../rules/lab/timeline';
import { calibrationClass, DEFAULT_AUTHORITIES } from '../../rules/lab/traceability';
import type { RunEvidence } from '../../rules/lab/verification';
import type { PtOutcome } from '../../rules/lab/pt-currency';
import type { AllianceContext } from '../context';
import { calibrationKey, crmKey } from '../calibrations/keys';
import { instrumentKey } from '../instruments/keys';
import { ACCREDITATION_KEY_TYPE, PROFICIENCY_KEY_TYPE } from '../members/keys';
import { runKey } from '../runs/keys';

/** A run with what verification concluded about it. */
export interface RunWithEvidence {
  run: RunRecord;
  evidence: RunEvidence;
}

/** Loads one run of the caller's report. */
export async function loadRun(ctx: AllianceContext, runId: string): Promise<RunRecord> {
  return ctx.store.mustGet<RunRecord>(runKey(ctx.store, runId), 'NOT_FOUND', `run ${runId}`);
}

/** Every run with its evidence as of now. */
export async function runEvidence(
  ctx: AllianceContext,
  runIds: readonly string[],
  params: { dueSoonDays: number; acceptT2: boolean },
): Promise<RunWithEvidence[]> {
  const out: RunWithEvidence[] = [];
  for (const runId of runIds) {
    const run = await loadRun(ctx, runId);
    const instrument = await ctx.store.mustGet<InstrumentRecord>(instrumentKey(ctx.store, run.instrumentId), 'NOT_FOUND', 'instrument');
    const calibration = await ctx.store.mustGet<CalibrationRecord>(calibrationKey(ctx.store, run.calibrationId), 'NOT_FOUND', 'calibration');
    const crms: CrmRecord[] = [];
    for (const id of calibration.crmIds) crms.push(await ctx.store.mustGet<CrmRecord>(crmKey(ctx.store, id), 'NOT_FOUND', 'CRM'));
    const cls = calibrationClass(crms, calibration.calibratedAt, DEFAULT_AUTHORITIES).traceabilityClass;
    const rt = runTraceability({ ...calibration, traceabilityClass: cls }, run.startedAt, params.acceptT2);
    const crmExpired = crms.some((c) => instantMs(c.expiresAt) < instantMs(run.startedAt));
    out.push({
      run,
      evidence: {
        id: run.runId,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        instrumentUsable: usableThroughout(instrument.timeline, run.startedAt, run.endedAt, params.dueSoonDays),
        traceable: rt.traceable && !crmExpired,
        traceabilityClass: cls,
        rawDataFiles: run.rawData.length,
      },
    });
  }
  return out;
}

/** The lab's accreditations. */
export async function accreditationsOf(ctx: AllianceContext, labMspId: string): Promise<AccreditationRecord[]> {
  return (await ctx.store.list<AccreditationRecord>(ACCREDITATION_KEY_TYPE, [labMspId])).map((e) => e.value);
}

/** An accreditation's validity as instants (its dates are whole days). */
export function accreditationFacts(record: AccreditationRecord): AccreditationFacts {
  return {
    body: record.body,
    ilacMraSignatory: record.ilacMraSignatory,
    status: record.status,
    validFrom: `${record.validFrom}T00:00:00.000Z`,
    validTo: `${record.validTo}T23:59:59.999Z`,
  };
}

/** The accreditation that best supports the lab at `at`: active, ILAC-MRA, valid; else any. */
export function bestAccreditation(records: readonly AccreditationRecord[], at: string): AccreditationRecord | undefined {
  const t = instantMs(at);
  const score = (r: AccreditationRecord): number => {
    const f = accreditationFacts(r);
    const valid = instantMs(f.validFrom) <= t && t <= instantMs(f.validTo);
    return (r.status === 'ACTIVE' ? 4 : 0) + (r.ilacMraSignatory ? 2 : 0) + (valid ? 1 : 0);
  };
  return [...records].sort((a, b) => score(b) - score(a))[0];
}

/** The lab's PT outcomes for one sub-field (analyte × matrix). */
export async function ptOutcomes(ctx: AllianceContext, labMspId: string, analyte: string, matrix: string): Promise<PtOutcome[]> {
  const records = await ctx.store.list<ProficiencyTestRecord>(PROFICIENCY_KEY_TYPE, [labMspId, analyte, matrix]);
  return records.map((e) => ({ evaluatedAt: `${e.value.date}T00:00:00.000Z`, scoreType: e.value.scoreType, score: e.value.score }));
}
