/**
 * Proficiency-test results (rule 16), recorded by the ACCREDITATION_REGISTRAR and read by the
 * PT-currency rule. A result is never changed; a correction is a new round record.
 */
import { AllianceError } from '../../model/errors';
import type { ProficiencyTestRecord, RecordProficiencyTestInput } from '../../model/proficiency';
import { classifyPt, ptCurrency } from '../../rules/lab/pt-currency';
import type { AllianceContext } from '../context';
import { labHooks } from '../lots/lab-hooks';
import { PROFICIENCY_KEY_TYPE, proficiencyKey } from './keys';
import { getMember } from './registry';

/**
 * Records one PT result. When it leaves the sub-field PT_ACTION_REQUIRED (rule 16), the lab's
 * recognitions for the analyte are suspended (rule 20).
 * @throws AllianceError ALREADY_EXISTS, CHRONOLOGY_VIOLATION, INVALID_STATE
 */
export async function recordProficiencyTest(
  ctx: AllianceContext,
  input: RecordProficiencyTestInput,
): Promise<ProficiencyTestRecord> {
  const lab = await getMember(ctx, input.labMspId);
  if (!lab.roles.includes('LAB')) {
    throw new AllianceError('INVALID_STATE', `${input.labMspId} does not hold the LAB role`, {
      details: { labMspId: input.labMspId },
    });
  }
  if (input.date > ctx.now.slice(0, 10)) {
    throw new AllianceError('CHRONOLOGY_VIOLATION', 'a PT result cannot be dated after ledger time', {
      details: { date: input.date, ledgerTime: ctx.now },
    });
  }
  const key = proficiencyKey(ctx.store, input);
  if (await ctx.store.exists(key)) {
    throw new AllianceError('ALREADY_EXISTS', 'this PT result is already recorded', {
      details: { labMspId: input.labMspId, scheme: input.scheme, round: input.round },
    });
  }
  const record: ProficiencyTestRecord = { ...input, recorded: ctx.stamp() };
  // Read before the write: Fabric has no read-your-writes, so the new result is added by hand.
  const earlier = await proficiencyTestsOf(ctx, input.labMspId, input);
  await ctx.store.put(key, record);
  await suspendOnActionRequired(ctx, [...earlier, record]);
  ctx.emit(
    'proficiency.recorded',
    { kind: 'proficiency-test', id: `${input.scheme}/${input.round}` },
    {
      labMspId: input.labMspId,
      analyte: input.analyte,
      matrix: input.matrix,
      scoreType: input.scoreType,
      score: input.score,
    },
  );
  return record;
}

/**
 * PT results of `labMspId`, optionally for one analyte or one sub-field (analyte x matrix),
 * oldest first within each sub-field.
 */
export async function proficiencyTestsOf(
  ctx: AllianceContext,
  labMspId: string,
  subField: { analyte?: string; matrix?: string } = {},
): Promise<ProficiencyTestRecord[]> {
  const attrs = [labMspId];
  if (subField.analyte !== undefined) {
    attrs.push(subField.analyte);
    if (subField.matrix !== undefined) attrs.push(subField.matrix);
  }
  return (await ctx.store.list<ProficiencyTestRecord>(PROFICIENCY_KEY_TYPE, attrs)).map((e) => e.value);
}

/**
 * Suspends the lab's recognitions for the analyte when the result just recorded (the last
 * of `subField`) is unsatisfactory and leaves its sub-field needing PT action. The
 * recognition names analytes, not matrices, so every recognition of the analyte is suspended:
 * the cautious reading of "its PT in that sub-field becomes unsatisfactory".
 */
async function suspendOnActionRequired(
  ctx: AllianceContext,
  subField: readonly ProficiencyTestRecord[],
): Promise<void> {
  const latest = subField[subField.length - 1];
  if (latest === undefined || classifyPt(latest.scoreType, latest.score) !== 'UNSATISFACTORY') return;
  const policy = await ctx.policy();
  const outcomes = subField.map((r) => ({
    evaluatedAt: `${r.date}T00:00:00.000Z`,
    scoreType: r.scoreType,
    score: r.score,
  }));
  if (ptCurrency(outcomes, ctx.now, policy.parameters.ptCurrencyMonths) !== 'PT_ACTION_REQUIRED') return;
  const cause = `PT ${latest.scheme}/${latest.round} unsatisfactory for ${latest.analyte} in ${latest.matrix}`;
  await labHooks().suspendRecognitions(ctx, latest.labMspId, [latest.analyte], cause);
}
