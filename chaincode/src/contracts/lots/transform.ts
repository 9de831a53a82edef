/**
 * Transformation into formulation batches (rule 32): an EPCIS TransformationEvent whose inputs
 * must be RELEASED and unexpired at the event date, drawn within what each lot has left (mass
 * balance in kg), making one batch that may not outlive its earliest input without a linked
 * stability justification. Lineage edges are written both ways.
 */
import { isExpiredAt, outputExpiryProblem } from '../../rules/supply/expiry';
import { checkMassBalance } from '../../rules/supply/mass-balance';
import { toKg } from '../../rules/supply/units';
import { AllianceError } from '../../model/errors';
import type { LotRecord } from '../../model/supply/lot';
import type { LineageEdge, TransformationRecord, TransformInput } from '../../model/supply/transformation';
import type { AllianceContext } from '../context';
import { getProduct } from '../products/specifications';
import { backwardEdgeKey, forwardEdgeKey, lotKey, transformationKey } from './keys';
import { effectiveState, loadLot, recordEvent, requireOwner, saveLot } from './records';

/** Checks every input lot: owned by the caller, RELEASED now, unexpired on the event date. */
async function loadInputs(ctx: AllianceContext, input: TransformInput): Promise<Map<string, LotRecord>> {
  const lots = new Map<string, LotRecord>();
  const eventDate = new Date(input.eventTime);
  for (const q of input.inputQuantityList) {
    if (lots.has(q.epcClass)) continue;
    const lot = await loadLot(ctx, q.epcClass);
    requireOwner(ctx, lot);
    if (isExpiredAt(lot.expiryDate, eventDate)) {
      throw new AllianceError('EXPIRED', `input ${lot.id} expired on ${lot.expiryDate}`, {
        details: { lotId: lot.id, expiryDate: lot.expiryDate, eventTime: input.eventTime },
      });
    }
    const state = await effectiveState(ctx, lot);
    if (state !== 'RELEASED') {
      throw new AllianceError('LOT_NOT_RELEASABLE', `input ${lot.id} is ${state}, not RELEASED`, {
        details: { lotId: lot.id, state },
      });
    }
    lots.set(lot.id, lot);
  }
  return lots;
}

/** Records the transformation and creates the batch; returns the batch. */
export async function transform(ctx: AllianceContext, input: TransformInput): Promise<LotRecord> {
  const product = await getProduct(ctx, input.productId);
  const [output] = input.outputQuantityList;
  const batchId = output.epcClass;
  if (await ctx.store.exists(transformationKey(ctx.store, input.transformationId))) {
    throw new AllianceError('ALREADY_EXISTS', `transformation ${input.transformationId} exists`);
  }
  if (await ctx.store.exists(lotKey(ctx.store, batchId))) {
    throw new AllianceError('ALREADY_EXISTS', `lot ${batchId} exists`, { details: { lotId: batchId } });
  }
  const lots = await loadInputs(ctx, input);
  const balance = checkMassBalance(
    input.inputQuantityList.map((q) => ({
      lotId: q.epcClass,
      quantity: q.quantity,
      uom: q.uom,
      remainingKg: lots.get(q.epcClass)?.remainingKg ?? 0,
    })),
  );
  if (!balance.ok) {
    throw new AllianceError('MASS_BALANCE_EXCEEDED', 'an input draws more than its lot has left', {
      details: { problems: balance.problems },
    });
  }
  const expiryProblem = outputExpiryProblem(
    input.ilmd.itemExpirationDate,
    [...lots.values()].map((l) => l.expiryDate),
    input.stabilityJustificationId,
  );
  if (expiryProblem !== undefined) {
    throw new AllianceError('VALIDATION_FAILED', expiryProblem, {
      issues: [{ path: 'ilmd.itemExpirationDate', message: expiryProblem }],
    });
  }
  const event = await recordEvent(ctx, [...lots.keys(), batchId], {
    type: 'TransformationEvent',
    bizStep: 'commissioning',
    disposition: 'active',
    eventTime: input.eventTime,
    eventTimeZoneOffset: input.eventTimeZoneOffset,
    transformationId: input.transformationId,
    inputQuantityList: input.inputQuantityList,
    outputQuantityList: input.outputQuantityList,
    ilmd: {
      lotNumber: input.ilmd.lotNumber,
      itemExpirationDate: input.ilmd.itemExpirationDate,
      countryOfOrigin: input.countryOfOrigin,
    },
  });
  for (const lot of lots.values()) {
    const remainingKg = balance.remainingKg[lot.id] ?? lot.remainingKg;
    await saveLot(ctx, { ...lot, remainingKg, state: remainingKg === 0 ? 'CONSUMED' : lot.state });
  }
  const quantityKg = toKg(output.quantity, output.uom) ?? 0;
  const owner = ctx.caller.mspId;
  const gtin = batchId.slice(0, 14);
  const batch: LotRecord = {
    id: batchId,
    kind: 'BATCH',
    gtin,
    lot: input.ilmd.lotNumber,
    supplierGln: input.bizLocation,
    countryOfOrigin: input.countryOfOrigin,
    expiryDate: input.ilmd.itemExpirationDate,
    quantity: output.quantity,
    uom: output.uom,
    quantityKg,
    remainingKg: quantityKg,
    owner,
    originator: owner,
    productId: product.productId,
    transformationId: input.transformationId,
    // A batch is commissioned in its maker's hands: it starts where a received lot does.
    state: 'RECEIVED',
    created: ctx.stamp(),
    updated: ctx.stamp(),
  };
  await ctx.store.put(lotKey(ctx.store, batchId), batch);
  await ctx.store.setOwners(lotKey(ctx.store, batchId), [owner]);
  const inputs = input.inputQuantityList.map((q) => ({
    lotId: q.epcClass,
    quantity: q.quantity,
    uom: q.uom,
    quantityKg: toKg(q.quantity, q.uom) ?? 0,
  }));
  for (const q of inputs) {
    const edge: LineageEdge = {
      inputLotId: q.lotId,
      outputLotId: batchId,
      transformationId: input.transformationId,
      quantityKg: q.quantityKg,
    };
    await ctx.store.put(forwardEdgeKey(ctx.store, q.lotId, batchId), edge);
    await ctx.store.put(backwardEdgeKey(ctx.store, batchId, q.lotId), edge);
  }
  const record: TransformationRecord = {
    transformationId: input.transformationId,
    eventId: event.eventId,
    productId: product.productId,
    outputLotId: batchId,
    inputs,
    recorded: ctx.stamp(),
    ...(input.stabilityJustificationId === undefined
      ? {}
      : { stabilityJustificationId: input.stabilityJustificationId }),
  };
  await ctx.store.put(transformationKey(ctx.store, input.transformationId), record);
  ctx.emit(
    'batch.made',
    { kind: 'lot', id: batchId },
    {
      transformationId: input.transformationId,
      inputs: [...lots.keys()],
      totalInputKg: balance.totalInputKg,
    },
  );
  return batch;
}
