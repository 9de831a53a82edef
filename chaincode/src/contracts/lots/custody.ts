/**
 * Registration and custody of lots (rules 31, 35), named after EPCIS: commissioning (ObjectEvent
 * ADD with ILMD), shipping and receiving (ObjectEvent OBSERVE with a bizTransactionList). Receipt
 * by the buyer moves ownership and the key-level endorsement policy to the buyer.
 */
import { lgtin } from '../../rules/supply/gtin';
import { dispositionOf, shippingRefused } from '../../rules/supply/lot-state';
import { toKg } from '../../rules/supply/units';
import { AllianceError } from '../../model/errors';
import type { LotRecord, ReceiveLotInput, RegisterLotInput, ShipLotInput } from '../../model/supply/lot';
import type { AllianceContext } from '../context';
import { lotKey, supplierLotKey } from './keys';
import { effectiveState, loadLot, nextState, recordEvent, requireOwner, saveLot } from './records';

/** Registers a raw-material lot owned by the caller's org; its key gets the owner's policy. */
export async function registerLot(ctx: AllianceContext, input: RegisterLotInput): Promise<LotRecord> {
  const id = lgtin(input.gtin, input.lot);
  const key = lotKey(ctx.store, id);
  if (await ctx.store.exists(key)) {
    throw new AllianceError('ALREADY_EXISTS', `lot ${id} is already registered`, { details: { lotId: id } });
  }
  const owner = ctx.caller.mspId;
  const quantityKg = toKg(input.quantity, input.uom) ?? 0;
  const event = await recordEvent(ctx, [id], {
    type: 'ObjectEvent',
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    quantityList: [{ epcClass: id, quantity: input.quantity, uom: input.uom }],
    ilmd: {
      lotNumber: input.lot,
      itemExpirationDate: input.expiryDate,
      countryOfOrigin: input.countryOfOrigin,
    },
    sourceList: [{ type: 'owning_party', source: owner }],
  });
  const lot: LotRecord = {
    id,
    kind: 'RAW_MATERIAL',
    gtin: input.gtin,
    lot: input.lot,
    supplierGln: input.supplierGln,
    countryOfOrigin: input.countryOfOrigin,
    expiryDate: input.expiryDate,
    quantity: input.quantity,
    uom: input.uom,
    quantityKg,
    remainingKg: quantityKg,
    owner,
    originator: owner,
    state: 'CREATED',
    created: ctx.stamp(),
    updated: ctx.stamp(),
    ...(input.productId === undefined ? {} : { productId: input.productId }),
  };
  await ctx.store.put(key, lot);
  await ctx.store.setOwners(key, [owner]);
  await ctx.store.put(supplierLotKey(ctx.store, owner, input.gtin, id), { lotId: id });
  ctx.emit(
    'lot.registered',
    { kind: 'lot', id },
    { owner, eventId: event.eventId, lateEntry: event.lateEntry },
  );
  return lot;
}

/**
 * Ships a lot to another member (bizStep shipping, disposition in_transit). Refused for lots on
 * hold, rejected, recalled or expired (rule 35).
 */
export async function shipLot(ctx: AllianceContext, input: ShipLotInput): Promise<LotRecord> {
  const lot = await loadLot(ctx, input.lotId);
  requireOwner(ctx, lot);
  const state = await effectiveState(ctx, lot);
  if (shippingRefused(state) || state === 'CONSUMED') {
    throw new AllianceError('INVALID_STATE', `lot ${lot.id} is ${state} and may not be shipped`, {
      details: { lotId: lot.id, state },
    });
  }
  if (lot.inTransitTo !== undefined)
    throw new AllianceError('INVALID_STATE', `lot ${lot.id} is already in transit`);
  if (input.to === lot.owner)
    throw new AllianceError('VALIDATION_FAILED', 'a lot cannot be shipped to its owner', {
      issues: [{ path: 'to', message: 'must be another member' }],
    });
  if ((await ctx.member(input.to))?.status !== 'ACTIVE') {
    throw new AllianceError('NOT_FOUND', `${input.to} is not an active member`, {
      details: { to: input.to },
    });
  }
  const event = await recordEvent(ctx, [lot.id], {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    quantityList: [{ epcClass: lot.id, quantity: lot.quantity, uom: lot.uom }],
    bizTransactionList: input.bizTransactionList,
    sourceList: [{ type: 'owning_party', source: lot.owner }],
    destinationList: [{ type: 'owning_party', destination: input.to }],
  });
  const shipped: LotRecord = {
    ...lot,
    inTransitTo: {
      mspId: input.to,
      shippedEventId: event.eventId,
      bizTransactionList: input.bizTransactionList,
    },
  };
  await saveLot(ctx, shipped);
  ctx.emit(
    'lot.shipped',
    { kind: 'lot', id: lot.id },
    { from: lot.owner, to: input.to, eventId: event.eventId },
  );
  return shipped;
}

/**
 * The buyer receives a shipped lot (bizStep receiving): ownership and the key-level policy move
 * to the buyer, and a CREATED lot becomes RECEIVED.
 */
export async function receiveLot(ctx: AllianceContext, input: ReceiveLotInput): Promise<LotRecord> {
  const lot = await loadLot(ctx, input.lotId);
  const buyer = ctx.caller.mspId;
  if (lot.inTransitTo?.mspId !== buyer) {
    throw new AllianceError('INVALID_STATE', `lot ${lot.id} is not in transit to ${buyer}`, {
      details: { lotId: lot.id, inTransitTo: lot.inTransitTo?.mspId ?? null },
    });
  }
  const state = lot.state === 'CREATED' ? await nextState(ctx, lot, 'RECEIVE') : lot.state;
  const event = await recordEvent(ctx, [lot.id], {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'receiving',
    disposition: dispositionOf(state) === 'in_progress' ? 'active' : dispositionOf(state),
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    quantityList: [{ epcClass: lot.id, quantity: lot.quantity, uom: lot.uom }],
    bizTransactionList: input.bizTransactionList,
    sourceList: [{ type: 'owning_party', source: lot.owner }],
    destinationList: [{ type: 'owning_party', destination: buyer }],
  });
  const { inTransitTo: _delivered, ...rest } = lot;
  const received: LotRecord = { ...rest, owner: buyer, state };
  await saveLot(ctx, received);
  await ctx.store.setOwners(lotKey(ctx.store, lot.id), [buyer]);
  ctx.emit(
    'lot.received',
    { kind: 'lot', id: lot.id },
    { from: lot.owner, to: buyer, state, eventId: event.eventId },
  );
  return received;
}
