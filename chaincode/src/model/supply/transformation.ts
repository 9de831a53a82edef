/**
 * Formulation batches (rule 32): an EPCIS TransformationEvent consuming RELEASED raw-material lots
 * and commissioning one batch, with ILMD carrying the batch's lot number and expiry.
 */
import type { AuditStamp } from '../audit';
import { identifier, isoDate, parserFor, positiveNumber, z } from '../validate';
import { eventWhen, gln, lotId, lotNumber, massUnit, type QuantityElement } from './epcis';

const quantityElement = z.strictObject({ epcClass: lotId, quantity: positiveNumber, uom: massUnit });

/** Input of `lots:Transform`. */
export interface TransformInput {
  transformationId: string;
  productId: string;
  inputQuantityList: QuantityElement[];
  outputQuantityList: [QuantityElement];
  ilmd: { lotNumber: string; itemExpirationDate: string };
  /** A stability study allowing the batch to outlive its earliest input. */
  stabilityJustificationId?: string;
  /** GLN of the site where the batch was made. */
  bizLocation: string;
  /** ISO 3166-1 alpha-2 country where the batch was made. */
  countryOfOrigin: string;
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** Parses the input of `lots:Transform`; the output's lot must be the ILMD lot number. */
export const parseTransformInput: (raw: unknown) => TransformInput = parserFor(
  z
    .strictObject({
      transformationId: identifier,
      productId: identifier,
      inputQuantityList: z.array(quantityElement).min(1).max(50),
      outputQuantityList: z.tuple([quantityElement]),
      ilmd: z.strictObject({ lotNumber, itemExpirationDate: isoDate }),
      stabilityJustificationId: identifier.optional(),
      bizLocation: gln,
      countryOfOrigin: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
      ...eventWhen,
    })
    .superRefine((input, ctx) => {
      const output = input.outputQuantityList[0].epcClass;
      if (!output.endsWith(`.${input.ilmd.lotNumber}`) || output.indexOf('.') !== 14) {
        ctx.addIssue({
          code: 'custom',
          path: ['ilmd', 'lotNumber'],
          message: 'must be the lot of the output LGTIN',
        });
      }
      if (input.inputQuantityList.some((q) => q.epcClass === output)) {
        ctx.addIssue({
          code: 'custom',
          path: ['outputQuantityList'],
          message: 'a batch cannot be its own input',
        });
      }
    }),
);

/** The stored transformation. */
export interface TransformationRecord {
  transformationId: string;
  eventId: string;
  productId: string;
  outputLotId: string;
  inputs: { lotId: string; quantity: number; uom: string; quantityKg: number }[];
  stabilityJustificationId?: string;
  recorded: AuditStamp;
}

/** One lineage edge, stored both ways as composite keys. */
export interface LineageEdge {
  inputLotId: string;
  outputLotId: string;
  transformationId: string;
  quantityKg: number;
}
