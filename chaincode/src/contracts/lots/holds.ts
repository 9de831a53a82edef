/**
 * Lifting holds (rule 33): a held lot or batch comes off hold after a new VERIFIED report on the
 * lot itself, or once the cause is closed. Each cause says how its closure is shown.
 */
import { AllianceError } from '../../model/errors';
import type { HoldRecord, LiftHoldInput } from '../../model/supply/hold';
import type { VerificationCaseRecord } from '../../model/supply/verification';
import type { AllianceContext } from '../context';
import { caseKey } from '../verifications/keys';
import { holdKey } from './keys';
import { loadLot, openHolds, saveHold } from './records';
import { verifiedReportSince } from './release-check';

/** Why the cause of `hold` cannot be taken as closed, or `undefined` when it is. */
async function causeStillOpen(ctx: AllianceContext, hold: HoldRecord): Promise<string | undefined> {
  const { kind, refId } = hold.cause;
  const callerRoles = (await ctx.member(ctx.caller.mspId))?.roles ?? [];
  switch (kind) {
    case 'VERIFICATION_FAILED': {
      const c = await ctx.store.get<VerificationCaseRecord>(caseKey(ctx.store, refId));
      return c?.state === 'CLOSED' ? undefined : `verification case ${refId} is not CLOSED`;
    }
    case 'LAB_SUSPENDED':
      return (await ctx.member(refId))?.status === 'ACTIVE' ? undefined : `lab ${refId} is still suspended`;
    case 'REJECTED':
    case 'RECALLED':
      // The upstream lot stays rejected or recalled: only a new report on this lot can clear it.
      return `the ${kind.toLowerCase()} input stays ${kind}; a new VERIFIED report on this lot is needed`;
    case 'MANUAL':
      return hold.opened.by.mspId === ctx.caller.mspId || callerRoles.includes('PLATFORM')
        ? undefined
        : 'only the flagging org or the platform closes a manual hold';
    default:
      // Instrument, calibration and CRM findings are closed by the platform on the lab's evidence.
      return callerRoles.includes('PLATFORM') ? undefined : `only the platform closes a ${kind} finding`;
  }
}

/** Closes one open hold; returns the closed hold. */
export async function liftHold(ctx: AllianceContext, input: LiftHoldInput): Promise<HoldRecord> {
  const lot = await loadLot(ctx, input.lotId);
  const hold = await ctx.store.get<HoldRecord>(holdKey(ctx.store, lot.id, input.holdId));
  if (hold === undefined) throw new AllianceError('NOT_FOUND', `lot ${lot.id} has no hold ${input.holdId}`);
  if (hold.status !== 'OPEN')
    throw new AllianceError('INVALID_STATE', `hold ${input.holdId} is already closed`);
  let closed: HoldRecord;
  if (input.basis === 'NEW_VERIFIED_REPORT') {
    const problem = await verifiedReportSince(ctx, lot.id, input.reportId, hold.opened.at);
    if (problem !== undefined)
      throw new AllianceError('INVALID_STATE', problem, { details: { reportId: input.reportId } });
    closed = {
      ...hold,
      status: 'CLOSED',
      closed: { ...ctx.stamp('new VERIFIED report'), basis: input.basis, reportId: input.reportId },
    };
  } else {
    const problem = await causeStillOpen(ctx, hold);
    if (problem !== undefined)
      throw new AllianceError('INVALID_STATE', problem, { details: { cause: hold.cause } });
    closed = { ...hold, status: 'CLOSED', closed: { ...ctx.stamp(input.reason), basis: input.basis } };
  }
  await saveHold(ctx, closed);
  const stillOpen = (await openHolds(ctx, lot.id)).filter((h) => h.holdId !== hold.holdId);
  ctx.emit(
    'hold.lifted',
    { kind: 'lot', id: lot.id },
    { holdId: hold.holdId, basis: input.basis, openHolds: stillOpen.length },
  );
  return closed;
}
