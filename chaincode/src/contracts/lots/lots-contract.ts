/** Contract `lots`: lots and batches, custody, transformation, holds and trace (rules 31-33, 35). */
import { canonicalJson } from '../../ledger/json';
import { parseFlagLotsInput, parseLiftHoldInput, type HoldRecord } from '../../model/supply/hold';
import type { LotEventRecord, ErrorDeclarationRecord } from '../../model/supply/epcis';
import {
  parseDeclareErrorInput,
  parseLotQueryInput,
  parseLotReasonInput,
  parseLotStepInput,
  parsePackLotsInput,
  parseReceiveLotInput,
  parseRegisterLotInput,
  parseShipLotInput,
} from '../../model/supply/lot';
import { parseTransformInput } from '../../model/supply/transformation';
import { LOTS_ACCESS } from '../../rules/supply/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { receiveLot, registerLot, shipLot } from './custody';
import { liftHold } from './holds';
import { SUPPLY_KEYS } from './keys';
import { declareError, recallLot, rejectLot, releaseLot, sampleLot, startTesting } from './lifecycle';
import { traceBackward, traceForward } from './lineage';
import { packLots } from './packing';
import { flagForAdditionalVerification } from './propagate';
import { loadLot, lotView } from './records';
import { transform } from './transform';

/** The `lots` contract. */
export class LotsContract extends AllianceContract {
  constructor() {
    super('lots', LOTS_ACCESS);
  }

  /** Registers a raw-material lot (GTIN + lot, GLN, origin, expiry, quantity): ObjectEvent ADD. */
  async RegisterLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await registerLot(ctx, ctx.input(parseRegisterLotInput)));
  }

  /** Ships an owned lot to another member (bizStep shipping; refused on hold, rejected, recalled, expired). */
  async ShipLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await shipLot(ctx, ctx.input(parseShipLotInput)));
  }

  /** Packs owned lots into a logistic unit (AggregationEvent ADD, bizStep packing; SSCC parent). */
  async PackLots(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await packLots(ctx, ctx.input(parsePackLotsInput)));
  }

  /** Receives a lot shipped to the caller: ownership and key-level policy move to the caller. */
  async ReceiveLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await receiveLot(ctx, ctx.input(parseReceiveLotInput)));
  }

  /** bizStep sampling. */
  async SampleLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await sampleLot(ctx, ctx.input(parseLotStepInput)));
  }

  /** bizStep inspecting: testing starts. */
  async StartTesting(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await startTesting(ctx, ctx.input(parseLotStepInput)));
  }

  /** Releases a lot when every rule-31 condition holds (LOT_NOT_RELEASABLE with reasons otherwise). */
  async ReleaseLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await releaseLot(ctx, ctx.input(parseLotStepInput)));
  }

  /** Rejects a lot with a reason; everything made from it goes on hold. */
  async RejectLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await rejectLot(ctx, ctx.input(parseLotReasonInput)));
  }

  /** Recalls a lot with a reason; everything made from it goes on hold. */
  async RecallLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await recallLot(ctx, ctx.input(parseLotReasonInput)));
  }

  /** EPCIS errorDeclaration on an earlier event of the lot, with a reason. */
  async DeclareError(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await declareError(ctx, ctx.input(parseDeclareErrorInput)));
  }

  /** TransformationEvent: released inputs become one batch (mass balance, expiry). */
  async Transform(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await transform(ctx, ctx.input(parseTransformInput)));
  }

  /** Flags lots for additional verification; the hold propagates downstream. Returns every held id. */
  async FlagLots(ctx: AllianceContext): Promise<string> {
    const { lotIds, cause } = ctx.input(parseFlagLotsInput);
    for (const id of lotIds) await loadLot(ctx, id);
    return canonicalJson({ held: await flagForAdditionalVerification(ctx, lotIds, cause) });
  }

  /** Lifts one hold: a new VERIFIED report on the lot, or the cause closed. */
  async LiftHold(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await liftHold(ctx, ctx.input(parseLiftHoldInput)));
  }

  /** A lot with its effective state (holds and expiry at ledger time). */
  async GetLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await lotView(ctx, await loadLot(ctx, ctx.input(parseLotQueryInput).lotId)));
  }

  /** A lot's EPCIS events with their error declarations, in key order. */
  async GetLotEvents(ctx: AllianceContext): Promise<string> {
    const { lotId } = ctx.input(parseLotQueryInput);
    await loadLot(ctx, lotId);
    const events = await ctx.store.list<LotEventRecord>(SUPPLY_KEYS.lotEvent, [lotId]);
    const errors = await ctx.store.list<ErrorDeclarationRecord>(SUPPLY_KEYS.errorDeclaration, [lotId]);
    const byEvent = new Map(errors.map((e) => [e.value.eventId, e.value]));
    const sorted = events
      .map((e) => e.value)
      .sort((a, b) => (a.recordTime < b.recordTime ? -1 : a.recordTime > b.recordTime ? 1 : 0));
    return canonicalJson(
      sorted.map((e) => ({
        ...e,
        ...(byEvent.has(e.eventId) ? { errorDeclaration: byEvent.get(e.eventId) } : {}),
      })),
    );
  }

  /** Every hold of a lot, open and closed. */
  async GetHolds(ctx: AllianceContext): Promise<string> {
    const { lotId } = ctx.input(parseLotQueryInput);
    return canonicalJson((await ctx.store.list<HoldRecord>(SUPPLY_KEYS.hold, [lotId])).map((e) => e.value));
  }

  /** What a lot went into, as a tree. */
  async TraceForward(ctx: AllianceContext): Promise<string> {
    const { lotId } = ctx.input(parseLotQueryInput);
    await loadLot(ctx, lotId);
    return canonicalJson(await traceForward(ctx, lotId));
  }

  /** What a lot or batch was made from, as a tree. */
  async TraceBackward(ctx: AllianceContext): Promise<string> {
    const { lotId } = ctx.input(parseLotQueryInput);
    await loadLot(ctx, lotId);
    return canonicalJson(await traceBackward(ctx, lotId));
  }
}
