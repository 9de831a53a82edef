/**
 * Packing (rule 35): an EPCIS AggregationEvent (action ADD, bizStep packing) puts quantities of
 * owned lots into one logistic unit named by its SSCC. Lots that may not be shipped may not be
 * packed for shipping either.
 */
import { shippingRefused } from '../../rules/supply/lot-state';
import { toKg } from '../../rules/supply/units';
import { AllianceError } from '../../model/errors';
import type { LotEventRecord } from '../../model/supply/epcis';
import type { PackLotsInput } from '../../model/supply/lot';
import type { AllianceContext } from '../context';
import { effectiveState, loadLot, recordEvent, requireOwner } from './records';

/** Records the packing of owned, shippable lots into logistic unit `parentID`. */
export async function packLots(ctx: AllianceContext, input: PackLotsInput): Promise<LotEventRecord> {
  const unitKey = ctx.store.key('lot~unit', [input.parentID]);
  if (await ctx.store.exists(unitKey))
    throw new AllianceError('ALREADY_EXISTS', `logistic unit ${input.parentID} exists`);
  const lotIds: string[] = [];
  for (const child of input.childQuantityList) {
    const lot = await loadLot(ctx, child.epcClass);
    requireOwner(ctx, lot);
    const state = await effectiveState(ctx, lot);
    if (shippingRefused(state) || state === 'CONSUMED') {
      throw new AllianceError('INVALID_STATE', `lot ${lot.id} is ${state} and may not be packed`, {
        details: { lotId: lot.id, state },
      });
    }
    const kg = toKg(child.quantity, child.uom) ?? 0;
    if (kg > lot.remainingKg) {
      throw new AllianceError('MASS_BALANCE_EXCEEDED', `lot ${lot.id} has ${lot.remainingKg} kg left`, {
        details: { lotId: lot.id, packedKg: kg, remainingKg: lot.remainingKg },
      });
    }
    lotIds.push(lot.id);
  }
  const event = await recordEvent(ctx, lotIds, {
    type: 'AggregationEvent',
    action: 'ADD',
    bizStep: 'packing',
    disposition: 'in_progress',
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    parentID: input.parentID,
    childQuantityList: input.childQuantityList,
  });
  await ctx.store.put(unitKey, {
    parentID: input.parentID,
    lotIds,
    eventId: event.eventId,
    packed: ctx.stamp(),
  });
  await ctx.store.setOwners(unitKey, [ctx.caller.mspId]);
  ctx.emit('lots.packed', { kind: 'logistic_unit', id: input.parentID }, { lotIds, eventId: event.eventId });
  return event;
}
