/**
 * Daily performance checks (rule 11): an ICP-MS tune report or an LC system-suitability test
 * before a sequence. Results are computed from the numbers against the limits in force; a
 * failed check suspends the instrument (rule 10) and holds what it tested since its last good one.
 */
import type { DailyCheckRecord } from '../../model/lab/instrument';
import { parseRecordDailyCheckInput } from '../../model/lab/instrument-input';
import { checkEventTime } from '../../rules/lab/chronology';
import { evaluateStage } from '../../rules/lab/qualification-tests';
import type { AllianceContext } from '../context';
import { createOwned } from '../lab-records';
import { dailyCheckKey } from './keys';
import { effectiveAt, loadOwnInstrument, saveInstrument } from './records';
import { suspendInstrument } from './suspend';

/** Records the check of the transaction's input and returns it. */
export async function recordDailyCheck(ctx: AllianceContext): Promise<DailyCheckRecord> {
  const input = ctx.input(parseRecordDailyCheckInput);
  const instrument = await loadOwnInstrument(ctx, input.instrumentId);
  const { lateEntry } = checkEventTime(
    input.performedAt,
    ctx.now,
    (await ctx.policy()).parameters,
    'performedAt',
  );
  const evaluation = evaluateStage(instrument.technique, 'PQ', input.tests, instrument.limitOverrides);
  const record: DailyCheckRecord = {
    ...input,
    tests: evaluation.tests,
    passed: evaluation.passed,
    lateEntry,
    recorded: ctx.stamp(),
  };
  await createOwned(ctx, dailyCheckKey(ctx.store, input.checkId), `daily check ${input.checkId}`, record);
  const at = effectiveAt(instrument, input.performedAt);
  const next = evaluation.passed
    ? { ...instrument, lastPassingCheckAt: at }
    : await suspendInstrument(
        ctx,
        instrument,
        input.kind === 'SST' ? 'FAILED_SST' : 'FAILED_DAILY_CHECK',
        input.checkId,
        at,
        `${input.kind} ${input.checkId} failed`,
      );
  await saveInstrument(ctx, instrument, next);
  ctx.emit(
    'instrument.daily-check-recorded',
    { kind: 'instrument', id: input.instrumentId },
    {
      checkId: input.checkId,
      passed: evaluation.passed,
    },
  );
  return record;
}
