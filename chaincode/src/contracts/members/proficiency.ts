/**
 * Proficiency-test results (rule 16), recorded by the ACCREDITATION_REGISTRAR and read by the
 * PT-currency rule. A result is never changed; a correction is a new round record.
 */
import { AllianceError } from '../../model/errors';
import type { ProficiencyTestRecord, RecordProficiencyTestInput } from '../../model/proficiency';
import type { AllianceContext } from '../context';
import { PROFICIENCY_KEY_TYPE, proficiencyKey } from './keys';
import { getMember } from './registry';

/** Records one PT result. @throws AllianceError ALREADY_EXISTS, CHRONOLOGY_VIOLATION, INVALID_STATE */
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
  await ctx.store.put(key, record);
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
