/**
 * The cross-area hook of rule 33: flag lots for additional verification and propagate the hold
 * along the transformation graph to every downstream batch. Holds are keys of their own, so a lab,
 * a verifier or the platform can flag another member's lot without the owner's endorsement.
 */
import { holdable } from '../../rules/supply/lot-state';
import type { HoldCause, HoldRecord } from '../../model/supply/hold';
import type { LotRecord } from '../../model/supply/lot';
import type { AllianceContext } from '../context';
import { revokeBadgesOf } from './badge-revocation';
import { holdKey, lotKey } from './keys';
import { allDownstream } from './lineage';
import { effectiveState, saveHold } from './records';

export type { HoldCause } from '../../model/supply/hold';

/** The id of the hold a cause puts on a lot: one hold per cause and lot, so flagging twice is harmless. */
export function holdIdFor(cause: HoldCause): string {
  return `${cause.kind}~${cause.refId}`;
}

/**
 * Puts every lot of `lotIds` and everything downstream of them on HOLD_ADDITIONAL_VERIFICATION
 * with `cause`, and emits `lot.held` per lot plus one `hold.propagated`. A cause that breaks a
 * Trusted Source condition also revokes the badge of each flagged lot's supplier (rule 36).
 * Lots that no longer exist or have reached their end (rejected, recalled, expired, consumed) get
 * no hold, but the walk still passes through them to the batches they went into.
 * @returns every lot or batch now held by this cause, flagged lots first, downstream after
 */
export async function flagForAdditionalVerification(
  ctx: AllianceContext,
  lotIds: string[],
  cause: HoldCause,
): Promise<string[]> {
  const flagged = [...new Set(lotIds)];
  // Each lot remembers the flagged lot it was reached from, so a hold says where it came from.
  const origin = new Map(flagged.map((id) => [id, id]));
  for (const start of flagged) {
    for (const id of await allDownstream(ctx, [start])) if (!origin.has(id)) origin.set(id, start);
  }
  const holdId = holdIdFor(cause);
  const held: string[] = [];
  const flaggedLots: LotRecord[] = [];
  for (const [lotId, originLotId] of origin) {
    const lot = await ctx.store.get<LotRecord>(lotKey(ctx.store, lotId));
    if (lot !== undefined && originLotId === lotId) flaggedLots.push(lot);
    if (lot === undefined || !holdable(await effectiveState(ctx, lot))) continue;
    held.push(lotId);
    const existing = await ctx.store.get<HoldRecord>(holdKey(ctx.store, lotId, holdId));
    if (existing?.status === 'OPEN') continue;
    await saveHold(ctx, {
      holdId,
      lotId,
      cause,
      originLotId,
      status: 'OPEN',
      opened: ctx.stamp(cause.reason),
    });
    ctx.emit('lot.held', { kind: 'lot', id: lotId }, { holdId, cause, owner: lot.owner, originLotId });
  }
  ctx.emit('hold.propagated', { kind: 'hold', id: holdId }, { cause, flagged, held });
  await revokeBadgesOf(ctx, flaggedLots, cause);
  return held;
}
