/**
 * Reading and writing lots: the record, its effective state at ledger time (stored state with
 * holds and expiry laid over it), its EPCIS events, and the checks every lot transaction shares.
 */
import { checkEventTime } from '../../rules/lab/chronology';
import { isExpiredAt } from '../../rules/supply/expiry';
import { effectiveLotState, nextLotState, type LotEvent, type LotState } from '../../rules/supply/lot-state';
import { AllianceError } from '../../model/errors';
import type { HoldRecord } from '../../model/supply/hold';
import type { LotEventRecord } from '../../model/supply/epcis';
import type { LotRecord } from '../../model/supply/lot';
import type { AllianceContext } from '../context';
import { holdKey, lotEventKey, lotKey, SUPPLY_KEYS } from './keys';

/**
 * The lot or batch `lotId`.
 * @throws AllianceError LOT_NOT_FOUND
 */
export async function loadLot(ctx: AllianceContext, lotId: string): Promise<LotRecord> {
  const lot = await ctx.store.get<LotRecord>(lotKey(ctx.store, lotId));
  if (lot === undefined) throw new AllianceError('LOT_NOT_FOUND', `no lot ${lotId}`, { details: { lotId } });
  return lot;
}

/** Every hold on `lotId` that is still open. */
export async function openHolds(ctx: AllianceContext, lotId: string): Promise<HoldRecord[]> {
  const all = await ctx.store.list<HoldRecord>(SUPPLY_KEYS.hold, [lotId]);
  return all.map((e) => e.value).filter((h) => h.status === 'OPEN');
}

/** The state `lot` is in at ledger time (or at `at`, for a claimed event date). */
export async function effectiveState(
  ctx: AllianceContext,
  lot: LotRecord,
  at = ctx.ledgerTime,
): Promise<LotState> {
  const holds = await openHolds(ctx, lot.id);
  return effectiveLotState(lot.state, holds.length, isExpiredAt(lot.expiryDate, at));
}

/**
 * The state `event` moves `lot` to, judged on its effective state.
 * @throws AllianceError INVALID_STATE when the event is not allowed now
 */
export async function nextState(ctx: AllianceContext, lot: LotRecord, event: LotEvent): Promise<LotState> {
  const from = await effectiveState(ctx, lot);
  const to = nextLotState(from, event);
  if (to === undefined) {
    throw new AllianceError('INVALID_STATE', `lot ${lot.id} is ${from}: ${event} is not allowed`, {
      details: { lotId: lot.id, state: from, event },
    });
  }
  return to;
}

/**
 * Only the owning org acts on a lot (its key-level policy would refuse anyone else's write anyway;
 * this says so with a clear code at endorsement).
 * @throws AllianceError NOT_OWNER
 */
export function requireOwner(ctx: AllianceContext, lot: LotRecord): void {
  if (lot.owner !== ctx.caller.mspId) {
    throw new AllianceError('NOT_OWNER', `lot ${lot.id} belongs to ${lot.owner}`, {
      details: { lotId: lot.id, owner: lot.owner, caller: ctx.caller.mspId },
    });
  }
}

/**
 * Checks a client event time against ledger time (rule 5): refused beyond the clock skew, flagged
 * LATE_ENTRY beyond the backdating window.
 * @throws AllianceError CHRONOLOGY_VIOLATION
 */
export async function checkClaimedTime(
  ctx: AllianceContext,
  eventTime: string,
  path = 'eventTime',
): Promise<boolean> {
  const { parameters } = await ctx.policy();
  return checkEventTime(eventTime, ctx.now, parameters, path).lateEntry;
}

/** The fields of an event the caller describes; the rest is filled in here. */
export type EventDraft = Omit<LotEventRecord, 'eventId' | 'recordTime' | 'lateEntry' | 'recorded'>;

/**
 * Records an EPCIS event under every lot it concerns. Its id is derived from the transaction id,
 * so it is the same on every endorser; `index` tells apart several events of one transaction.
 */
export async function recordEvent(
  ctx: AllianceContext,
  lotIds: readonly string[],
  draft: EventDraft,
  index = 0,
): Promise<LotEventRecord> {
  const lateEntry = await checkClaimedTime(ctx, draft.eventTime);
  const event: LotEventRecord = {
    ...draft,
    eventId: `urn:uuid:${uuidFromTx(ctx.txId, index)}`,
    recordTime: ctx.now,
    lateEntry,
    recorded: ctx.stamp(draft.reason),
  };
  for (const lotId of lotIds) await ctx.store.put(lotEventKey(ctx.store, lotId, event.eventId), event);
  return event;
}

/** A UUID-shaped id from the transaction id (EPCIS eventIDs are URIs; this one is deterministic). */
function uuidFromTx(txId: string, index: number): string {
  const hex = `${txId.slice(0, 28)}${index.toString(16).padStart(4, '0')}`.padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Writes a lot after a change by the caller. */
export async function saveLot(ctx: AllianceContext, lot: LotRecord): Promise<void> {
  await ctx.store.put(lotKey(ctx.store, lot.id), { ...lot, updated: ctx.stamp() });
}

/** Writes a hold (a key of its own: no owner endorsement needed). */
export async function saveHold(ctx: AllianceContext, hold: HoldRecord): Promise<void> {
  await ctx.store.put(holdKey(ctx.store, hold.lotId, hold.holdId), hold);
}

/** The lot's result shape for queries: the record plus its effective state. */
export async function lotView(
  ctx: AllianceContext,
  lot: LotRecord,
): Promise<LotRecord & { effectiveState: LotState }> {
  return { ...lot, effectiveState: await effectiveState(ctx, lot) };
}
