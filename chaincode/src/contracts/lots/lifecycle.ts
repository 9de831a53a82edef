/**
 * A lot's way through testing to its end (rule 31): sampling, testing, release (only when the
 * rule-31 conditions hold), rejection and recall (both propagate holds downstream, rule 33), and
 * EPCIS errorDeclaration corrections.
 */
import { dispositionOf, type LotEvent } from '../../rules/supply/lot-state';
import { AllianceError } from '../../model/errors';
import type { ErrorDeclarationRecord, LotEventRecord } from '../../model/supply/epcis';
import type { DeclareErrorInput, LotReasonInput, LotRecord, LotStepInput } from '../../model/supply/lot';
import type { AllianceContext } from '../context';
import { lotEventKey, SUPPLY_KEYS } from './keys';
import { flagForAdditionalVerification } from './propagate';
import { loadLot, nextState, recordEvent, requireOwner, saveLot } from './records';
import { assessLotRelease } from './release-check';

const BIZ_STEP: Readonly<Record<LotEvent, string>> = {
  RECEIVE: 'receiving',
  SAMPLE: 'sampling',
  START_TEST: 'inspecting',
  RELEASE: 'inspecting',
  REJECT: 'inspecting',
  RECALL: 'holding',
  EXPIRE: 'holding',
  CONSUME: 'other',
};

/** Moves an owned lot by `event`, recording the EPCIS ObjectEvent; returns the changed lot. */
async function step(
  ctx: AllianceContext,
  input: LotStepInput & { reason?: string },
  event: LotEvent,
  extra: Partial<LotRecord> = {},
): Promise<LotRecord> {
  const lot = await loadLot(ctx, input.lotId);
  requireOwner(ctx, lot);
  const state = await nextState(ctx, lot, event);
  const recorded = await recordEvent(ctx, [lot.id], {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: BIZ_STEP[event],
    disposition: dispositionOf(state),
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    quantityList: [{ epcClass: lot.id, quantity: lot.quantity, uom: lot.uom }],
    ...(input.reason === undefined ? {} : { reason: input.reason }),
  });
  const changed: LotRecord = { ...lot, ...extra, state };
  await saveLot(ctx, changed);
  ctx.emit(
    `lot.${state.toLowerCase()}`,
    { kind: 'lot', id: lot.id },
    { from: lot.state, eventId: recorded.eventId },
  );
  return changed;
}

/** bizStep sampling: RECEIVED -> SAMPLED. */
export function sampleLot(ctx: AllianceContext, input: LotStepInput): Promise<LotRecord> {
  return step(ctx, input, 'SAMPLE');
}

/** bizStep inspecting: SAMPLED -> UNDER_TEST. */
export function startTesting(ctx: AllianceContext, input: LotStepInput): Promise<LotRecord> {
  return step(ctx, input, 'START_TEST');
}

/**
 * disposition conformant: UNDER_TEST -> RELEASED, only when every rule-31 condition holds.
 * @throws AllianceError LOT_NOT_RELEASABLE with every reason in details
 */
export async function releaseLot(ctx: AllianceContext, input: LotStepInput): Promise<LotRecord> {
  const lot = await loadLot(ctx, input.lotId);
  const assessment = await assessLotRelease(ctx, lot);
  if (!assessment.releasable) {
    throw new AllianceError(
      'LOT_NOT_RELEASABLE',
      `lot ${lot.id} may not be released: ${assessment.reasons.map((r) => r.message).join('; ')}`,
      {
        details: { lotId: lot.id, reasons: assessment.reasons },
      },
    );
  }
  return step(ctx, input, 'RELEASE', { releasedAt: ctx.now });
}

/** disposition non_conformant: the lot is rejected and everything made from it is held. */
export async function rejectLot(ctx: AllianceContext, input: LotReasonInput): Promise<LotRecord> {
  const lot = await step(ctx, input, 'REJECT', { rejectedAt: ctx.now });
  await flagForAdditionalVerification(ctx, [lot.id], {
    kind: 'REJECTED',
    refId: lot.id,
    reason: input.reason,
  });
  return lot;
}

/** disposition recalled, from any state: everything made from the lot is held. */
export async function recallLot(ctx: AllianceContext, input: LotReasonInput): Promise<LotRecord> {
  const lot = await loadLot(ctx, input.lotId);
  // The platform may recall any lot (the owner's key-level policy still has to endorse the write).
  if (ctx.caller.mspId !== lot.owner && !(await ctx.member(ctx.caller.mspId))?.roles.includes('PLATFORM')) {
    requireOwner(ctx, lot);
  }
  const state = await nextState(ctx, lot, 'RECALL');
  const recorded = await recordEvent(ctx, [lot.id], {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: BIZ_STEP.RECALL,
    disposition: dispositionOf(state),
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    reason: input.reason,
  });
  const recalled: LotRecord = { ...lot, state, recalledAt: ctx.now };
  await saveLot(ctx, recalled);
  ctx.emit(
    'lot.recalled',
    { kind: 'lot', id: lot.id },
    { from: lot.state, eventId: recorded.eventId, reason: input.reason },
  );
  await flagForAdditionalVerification(ctx, [lot.id], {
    kind: 'RECALLED',
    refId: lot.id,
    reason: input.reason,
  });
  return recalled;
}

/**
 * EPCIS errorDeclaration: marks an earlier event of the lot as erroneous with a reason and the
 * corrective events. The event itself stays readable and unchanged.
 */
export async function declareError(
  ctx: AllianceContext,
  input: DeclareErrorInput,
): Promise<ErrorDeclarationRecord> {
  const lot = await loadLot(ctx, input.lotId);
  requireOwner(ctx, lot);
  const event = await ctx.store.get<LotEventRecord>(lotEventKey(ctx.store, lot.id, input.eventId));
  if (event === undefined)
    throw new AllianceError('NOT_FOUND', `lot ${lot.id} has no event ${input.eventId}`);
  for (const corrective of input.correctiveEventIDs) {
    if (!(await ctx.store.exists(lotEventKey(ctx.store, lot.id, corrective)))) {
      throw new AllianceError('NOT_FOUND', `lot ${lot.id} has no corrective event ${corrective}`);
    }
  }
  const key = ctx.store.key(SUPPLY_KEYS.errorDeclaration, [lot.id, input.eventId]);
  if (await ctx.store.exists(key))
    throw new AllianceError('ALREADY_EXISTS', `event ${input.eventId} is already declared erroneous`);
  const declaration: ErrorDeclarationRecord = {
    eventId: input.eventId,
    lotId: lot.id,
    declarationTime: ctx.now,
    reason: input.reason,
    correctiveEventIDs: input.correctiveEventIDs,
    declared: ctx.stamp(input.reason),
  };
  await ctx.store.put(key, declaration);
  ctx.emit(
    'lot.event_declared_erroneous',
    { kind: 'lot', id: lot.id },
    { eventId: input.eventId, reason: input.reason },
  );
  return declaration;
}
