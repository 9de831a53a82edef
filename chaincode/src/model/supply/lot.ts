/**
 * Lots and batches (rule 31): the stored record and the inputs of registration and custody.
 * A lot's id is its LGTIN; its key carries a key-level policy naming the owning org.
 */
import type { LotState } from '../../rules/supply/lot-state';
import type { AuditStamp } from '../audit';
import { identifier, isoDate, mspId, parserFor, positiveNumber, text as reason, z } from '../validate';
import {
  bizTransactionList,
  eventWhen,
  gln,
  gtin14,
  lotId,
  lotNumber,
  massUnit,
  sscc,
  type BizTransaction,
} from './epcis';

/** A raw-material lot or a formulation batch made by a transformation. */
export interface LotRecord {
  id: string;
  kind: 'RAW_MATERIAL' | 'BATCH';
  gtin: string;
  lot: string;
  supplierGln: string;
  /** ISO 3166-1 alpha-2. */
  countryOfOrigin: string;
  /** GS1 AI 17, as a calendar date. */
  expiryDate: string;
  quantity: number;
  uom: string;
  quantityKg: number;
  remainingKg: number;
  /** The org that owns the lot (and whose key-level policy guards it). */
  owner: string;
  /** The org that registered the lot (the supplier) or made the batch. */
  originator: string;
  /** The product specification naming the analytes this lot must be tested for. */
  productId?: string;
  /** For batches: the transformation that made it. */
  transformationId?: string;
  /** Stored state; HOLD and EXPIRED are derived at read time (see rules/supply/lot-state). */
  state: LotState;
  /** Set while shipped and not yet received. */
  inTransitTo?: { mspId: string; shippedEventId: string; bizTransactionList: BizTransaction[] };
  /** When the lot was released, rejected or recalled. */
  releasedAt?: string;
  rejectedAt?: string;
  recalledAt?: string;
  created: AuditStamp;
  updated: AuditStamp;
}

/** Input of `lots:RegisterLot` (an ObjectEvent ADD, bizStep commissioning, with ILMD). */
export interface RegisterLotInput {
  gtin: string;
  lot: string;
  supplierGln: string;
  countryOfOrigin: string;
  expiryDate: string;
  quantity: number;
  uom: string;
  productId?: string;
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of `lots:RegisterLot`. */
export const parseRegisterLotInput: (raw: unknown) => RegisterLotInput = parserFor(
  z.strictObject({
    gtin: gtin14,
    lot: lotNumber,
    supplierGln: gln,
    countryOfOrigin: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    expiryDate: isoDate,
    quantity: positiveNumber,
    uom: massUnit,
    productId: identifier.optional(),
    ...eventWhen,
  }),
);

/** Input of `lots:ShipLot` (ObjectEvent OBSERVE, bizStep shipping). */
export interface ShipLotInput {
  lotId: string;
  to: string;
  bizTransactionList: BizTransaction[];
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of `lots:ShipLot`. */
export const parseShipLotInput: (raw: unknown) => ShipLotInput = parserFor(
  z.strictObject({ lotId, to: mspId, bizTransactionList, ...eventWhen }),
);

/** Input of `lots:ReceiveLot` (ObjectEvent OBSERVE, bizStep receiving). */
export interface ReceiveLotInput {
  lotId: string;
  bizTransactionList: BizTransaction[];
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of `lots:ReceiveLot`. */
export const parseReceiveLotInput: (raw: unknown) => ReceiveLotInput = parserFor(
  z.strictObject({ lotId, bizTransactionList, ...eventWhen }),
);

/** Input of a lot step without more data (`lots:SampleLot`, `lots:StartTesting`, `lots:ReleaseLot`). */
export interface LotStepInput {
  lotId: string;
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of a plain lot step. */
export const parseLotStepInput: (raw: unknown) => LotStepInput = parserFor(
  z.strictObject({ lotId, ...eventWhen }),
);

/** Input of `lots:RejectLot` and `lots:RecallLot`: a step with a reason. */
export interface LotReasonInput extends LotStepInput {
  reason: string;
}

/** Parses the input of a lot step with a reason. */
export const parseLotReasonInput: (raw: unknown) => LotReasonInput = parserFor(
  z.strictObject({ lotId, reason, ...eventWhen }),
);

/** Input of `lots:DeclareError` (EPCIS errorDeclaration on an earlier event). */
export interface DeclareErrorInput {
  lotId: string;
  eventId: string;
  reason: string;
  correctiveEventIDs: string[];
}

/** Parses the input of `lots:DeclareError`. */
export const parseDeclareErrorInput: (raw: unknown) => DeclareErrorInput = parserFor(
  z.strictObject({
    lotId,
    eventId: identifier,
    reason,
    correctiveEventIDs: z.array(identifier).max(20).default([]),
  }),
);

/** Input of queries about one lot (`lots:GetLot`, `lots:GetLotHistory`, `lots:TraceForward`, ...). */
export interface LotQueryInput {
  lotId: string;
}

/** Parses the input of a one-lot query. */
export const parseLotQueryInput: (raw: unknown) => LotQueryInput = parserFor(z.strictObject({ lotId }));

/** Input of `lots:PackLots` (AggregationEvent ADD, bizStep packing): lots packed into one logistic unit. */
export interface PackLotsInput {
  parentID: string;
  childQuantityList: { epcClass: string; quantity: number; uom: string }[];
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of `lots:PackLots`. */
export const parsePackLotsInput: (raw: unknown) => PackLotsInput = parserFor(
  z.strictObject({
    parentID: sscc,
    childQuantityList: z
      .array(z.strictObject({ epcClass: lotId, quantity: positiveNumber, uom: massUnit }))
      .min(1)
      .max(50),
    ...eventWhen,
  }),
);
