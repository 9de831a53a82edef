/**
 * Lab accreditations kept by the ACCREDITATION_REGISTRAR (rule 15): created ACTIVE, revised with
 * a reason (new validity or scope), moved between ACTIVE / SUSPENDED / WITHDRAWN (final), with
 * every status change kept so "active on the test date" can be answered later.
 */
import { AllianceError } from '../../model/errors';
import type {
  AccreditationRecord,
  RecordAccreditationInput,
  SetAccreditationStatusInput,
} from '../../model/accreditation';
import type { AllianceContext } from '../context';
import { ACCREDITATION_KEY_TYPE, accreditationKey } from './keys';
import { getMember } from './registry';

/** Refuses a lab that is not a member holding the LAB role. */
async function assertLabMember(ctx: AllianceContext, labMspId: string): Promise<void> {
  const member = await getMember(ctx, labMspId);
  if (!member.roles.includes('LAB')) {
    throw new AllianceError('INVALID_STATE', `${labMspId} does not hold the LAB role`, {
      details: { labMspId },
    });
  }
}

/** The accreditation named by `ref`. @throws AllianceError NOT_FOUND */
export async function getAccreditation(
  ctx: AllianceContext,
  ref: { labMspId: string; body: string; certificateNumber: string },
): Promise<AccreditationRecord> {
  return ctx.store.mustGet<AccreditationRecord>(
    accreditationKey(ctx.store, ref),
    'NOT_FOUND',
    `accreditation ${ref.body} ${ref.certificateNumber} of ${ref.labMspId}`,
  );
}

/** Every accreditation of `labMspId` (all labs when undefined). */
export async function listAccreditations(
  ctx: AllianceContext,
  labMspId?: string,
): Promise<AccreditationRecord[]> {
  const entries = await ctx.store.list<AccreditationRecord>(
    ACCREDITATION_KEY_TYPE,
    labMspId === undefined ? [] : [labMspId],
  );
  return entries.map((e) => e.value);
}

/** Creates an accreditation, or revises one (a reason is then required). */
export async function recordAccreditation(
  ctx: AllianceContext,
  input: RecordAccreditationInput,
): Promise<AccreditationRecord> {
  await assertLabMember(ctx, input.labMspId);
  const key = accreditationKey(ctx.store, input);
  const current = await ctx.store.get<AccreditationRecord>(key);
  const fields = {
    labMspId: input.labMspId,
    body: input.body,
    ilacMraSignatory: input.ilacMraSignatory,
    certificateNumber: input.certificateNumber,
    validFrom: input.validFrom,
    validTo: input.validTo,
    scope: input.scope,
  };
  let record: AccreditationRecord;
  if (current === undefined) {
    const stamp = ctx.stamp(input.reason);
    const initial = {
      status: 'ACTIVE' as const,
      at: ctx.now,
      reason: input.reason ?? 'accreditation recorded',
    };
    record = {
      ...fields,
      status: 'ACTIVE',
      statusHistory: [initial],
      version: 1,
      created: stamp,
      updated: stamp,
    };
  } else {
    if (input.reason === undefined) {
      throw new AllianceError('VALIDATION_FAILED', 'revising an accreditation needs a reason', {
        issues: [{ path: 'reason', message: 'is required when the accreditation already exists' }],
      });
    }
    if (current.status === 'WITHDRAWN') {
      throw new AllianceError('INVALID_STATE', 'a withdrawn accreditation cannot be revised', {
        details: { labMspId: input.labMspId, certificateNumber: input.certificateNumber },
      });
    }
    record = { ...current, ...fields, version: current.version + 1, updated: ctx.stamp(input.reason) };
  }
  await ctx.store.put(key, record);
  const type = current === undefined ? 'accreditation.recorded' : 'accreditation.revised';
  ctx.emit(
    type,
    { kind: 'accreditation', id: `${input.labMspId}/${input.body}/${input.certificateNumber}` },
    {
      labMspId: input.labMspId,
      version: record.version,
    },
  );
  return record;
}

/** Changes an accreditation's status; WITHDRAWN is final. */
export async function setAccreditationStatus(
  ctx: AllianceContext,
  input: SetAccreditationStatusInput,
): Promise<AccreditationRecord> {
  const current = await getAccreditation(ctx, input);
  if (current.status === 'WITHDRAWN' || current.status === input.status) {
    throw new AllianceError(
      'INVALID_STATE',
      `the accreditation is ${current.status}; cannot become ${input.status}`,
      {
        details: { from: current.status, to: input.status },
      },
    );
  }
  const record: AccreditationRecord = {
    ...current,
    status: input.status,
    statusHistory: [...current.statusHistory, { status: input.status, at: ctx.now, reason: input.reason }],
    version: current.version + 1,
    updated: ctx.stamp(input.reason),
  };
  await ctx.store.put(accreditationKey(ctx.store, input), record);
  ctx.emit(
    'accreditation.status-changed',
    {
      kind: 'accreditation',
      id: `${input.labMspId}/${input.body}/${input.certificateNumber}`,
    },
    { labMspId: input.labMspId, from: current.status, to: input.status, reason: input.reason },
  );
  return record;
}
