/**
 * The `runs` contract (rules 11, 14, 18): a run is recorded only on an instrument qualified for
 * its whole duration, after a passing daily check of the same instrument, with raw data
 * acquired inside the run. Whether its calibration is traceable is computed; when it is not
 * (T3, outside the calibration's validity, a CRM expired or revoked, or T2 where the policy
 * demands T1), the tested lot and everything made from it go on hold.
 */
import { AllianceError } from '../../model/errors';
import type { CalibrationRecord } from '../../model/lab/calibration';
import type { DailyCheckRecord } from '../../model/lab/instrument';
import type { CrmRecord } from '../../model/lab/reference-material';
import {
  parseRecordRunInput,
  parseRunRefInput,
  type RecordRunInput,
  type RunRecord,
} from '../../model/lab/run';
import { canonicalJson } from '../../ledger/json';
import { runTraceability } from '../../rules/lab/calibration';
import { checkEventTime } from '../../rules/lab/chronology';
import { RUNS_ACCESS } from '../../rules/lab/roles';
import { dailyCheckViolations, instrumentCoverageViolations } from '../../rules/lab/run-checks';
import { instantMs } from '../../rules/lab/time';
import { calibrationClass, DEFAULT_AUTHORITIES } from '../../rules/lab/traceability';
import { refuseAll, type RuleViolation } from '../../rules/lab/violation';
import { AllianceContract } from '../base';
import { calibrationKey, crmKey } from '../calibrations/keys';
import type { AllianceContext } from '../context';
import { dailyCheckKey } from '../instruments/keys';
import { loadOwnInstrument } from '../instruments/records';
import { createOwned, requireOwner } from '../lab-records';
import { holdLots } from '../lab-holds';
import { lotKey } from '../lots/keys';
import {
  RUN_BY_CALIBRATION,
  RUN_BY_INSTRUMENT,
  RUN_BY_LAB,
  RUN_BY_LOT,
  runKey,
  type RunIndexEntry,
} from './keys';

function rawDataViolations(input: RecordRunInput): RuleViolation[] {
  return input.rawData
    .map((file, i) => ({ file, i }))
    .filter(
      ({ file }) =>
        instantMs(file.acquiredAt) < instantMs(input.startedAt) ||
        instantMs(file.acquiredAt) > instantMs(input.endedAt),
    )
    .map(({ i }) => ({
      code: 'CHRONOLOGY_VIOLATION',
      path: `rawData.${i}.acquiredAt`,
      message: 'raw data must be acquired during the run',
    }));
}

/** Contract `runs`. */
export class RunsContract extends AllianceContract {
  constructor() {
    super('runs', RUNS_ACCESS);
  }

  /** Records a test run of the caller's lab. */
  async RecordRun(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRecordRunInput);
    const policy = (await ctx.policy()).parameters;
    const { lateEntry } = checkEventTime(input.endedAt, ctx.now, policy, 'endedAt');
    if (!(await ctx.store.exists(lotKey(ctx.store, input.lotId)))) {
      throw new AllianceError('LOT_NOT_FOUND', `lot ${input.lotId} not found`, {
        details: { lotId: input.lotId },
      });
    }
    const instrument = await loadOwnInstrument(ctx, input.instrumentId);
    const check = await ctx.store.mustGet<DailyCheckRecord>(
      dailyCheckKey(ctx.store, input.dailyCheckId),
      'NOT_FOUND',
      `daily check ${input.dailyCheckId}`,
    );
    const calibration = await ctx.store.mustGet<CalibrationRecord>(
      calibrationKey(ctx.store, input.calibrationId),
      'NOT_FOUND',
      `calibration ${input.calibrationId}`,
    );
    requireOwner(ctx, calibration.ownerMspId, `calibration ${input.calibrationId}`);
    const span = { instrumentId: input.instrumentId, startedAt: input.startedAt, endedAt: input.endedAt };
    refuseAll([
      ...rawDataViolations(input),
      ...instrumentCoverageViolations(instrument.timeline, span, policy.dueSoonDays),
      ...dailyCheckViolations({ ...check, id: check.checkId }, span),
    ]);
    if (calibration.instrumentId !== input.instrumentId || calibration.outOfTolerance) {
      throw new AllianceError(
        'CALIBRATION_NOT_TRACEABLE',
        `calibration ${input.calibrationId} is not a valid calibration of this instrument`,
      );
    }
    const crms: CrmRecord[] = [];
    for (const crmId of calibration.crmIds)
      crms.push(await ctx.store.mustGet<CrmRecord>(crmKey(ctx.store, crmId), 'NOT_FOUND', `CRM ${crmId}`));
    // The class as of the calibration date, but a revocation since then counts (the certificate is void).
    const cls = calibrationClass(crms, calibration.calibratedAt, DEFAULT_AUTHORITIES);
    const rt = runTraceability(
      { ...calibration, traceabilityClass: cls.traceabilityClass },
      input.startedAt,
      policy.acceptT2,
    );
    const expired = crms
      .filter((c) => instantMs(c.expiresAt) < instantMs(input.startedAt))
      .map((c) => `CRM ${c.id} expired before the run`);
    const traceable = rt.traceable && expired.length === 0;
    const record: RunRecord = {
      ...input,
      labMspId: ctx.caller.mspId,
      traceabilityClass: cls.traceabilityClass,
      calibrationTraceable: traceable,
      additionalVerificationRequired: rt.additionalVerificationRequired || !traceable,
      traceabilityReasons: [...rt.reasons, ...expired, ...cls.reasons],
      lateEntry,
      recorded: ctx.stamp(),
    };
    await createOwned(ctx, runKey(ctx.store, input.runId), `run ${input.runId}`, record);
    const entry: RunIndexEntry = {
      runId: input.runId,
      lotId: input.lotId,
      labMspId: ctx.caller.mspId,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
    };
    for (const [type, first] of [
      [RUN_BY_INSTRUMENT, input.instrumentId],
      [RUN_BY_CALIBRATION, input.calibrationId],
      [RUN_BY_LOT, input.lotId],
      [RUN_BY_LAB, ctx.caller.mspId],
    ] as const) {
      await createOwned(ctx, ctx.store.key(type, [first, input.runId]), 'run index entry', entry);
    }
    const held = record.additionalVerificationRequired
      ? await holdLots(ctx, [input.lotId], {
          kind: 'CALIBRATION_NOT_TRACEABLE',
          refId: input.runId,
          reason: record.traceabilityReasons.join('; '),
        })
      : [];
    ctx.emit(
      'run.recorded',
      { kind: 'run', id: input.runId },
      {
        lotId: input.lotId,
        instrumentId: input.instrumentId,
        traceabilityClass: cls.traceabilityClass,
        calibrationTraceable: traceable,
        heldLots: held,
      },
    );
    return canonicalJson(record);
  }

  /** One run. */
  async GetRun(ctx: AllianceContext): Promise<string> {
    const { runId } = ctx.input(parseRunRefInput);
    return canonicalJson(
      await ctx.store.mustGet<RunRecord>(runKey(ctx.store, runId), 'NOT_FOUND', `run ${runId}`),
    );
  }
}
