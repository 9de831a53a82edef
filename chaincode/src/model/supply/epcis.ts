/**
 * The EPCIS 2.0 pieces lot records share: event time with its zone offset, business transactions,
 * identifiers checked by GS1 rules, and the stored form of every lot event.
 */
import { gs1CheckDigit, gtin14Problem, lotNumberProblem, parseLgtin } from '../../rules/supply/gtin';
import { MASS_UNITS } from '../../rules/supply/units';
import type { AuditStamp } from '../audit';
import { identifier, isoDateTime, z } from '../validate';

/** A GTIN-14 with a valid check digit. */
export const gtin14 = z.string().superRefine((value, ctx) => {
  const problem = gtin14Problem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A GS1 AI 10 lot number. */
export const lotNumber = z.string().superRefine((value, ctx) => {
  const problem = lotNumberProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A lot or batch id: `${GTIN-14}.${lot}`. */
export const lotId = z.string().superRefine((value, ctx) => {
  const parsed = parseLgtin(value);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

/** A GLN (13 digits, GS1 check digit) for a party or location. */
export const gln = z.string().superRefine((value, ctx) => {
  if (!/^\d{13}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'a GLN is exactly 13 digits' });
  else if (Number(value[12]) !== gs1CheckDigit(value.slice(0, 12))) {
    ctx.addIssue({ code: 'custom', message: `check digit must be ${gs1CheckDigit(value.slice(0, 12))}` });
  }
});

/** An SSCC (GS1 AI 00): 18 digits with a valid check digit. */
export const sscc = z.string().superRefine((value, ctx) => {
  if (!/^\d{18}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'an SSCC is exactly 18 digits' });
  else if (Number(value[17]) !== gs1CheckDigit(value.slice(0, 17))) {
    ctx.addIssue({ code: 'custom', message: `check digit must be ${gs1CheckDigit(value.slice(0, 17))}` });
  }
});

/** A mass unit code (UN/ECE Rec 20) the mass balance can convert. */
export const massUnit = z.string().refine((u) => MASS_UNITS.includes(u), {
  message: `must be one of ${MASS_UNITS.join(', ')}`,
});

/** EPCIS eventTimeZoneOffset: `+08:00`, `-05:00`. */
export const timeZoneOffset = z
  .string()
  .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'must be an offset such as +08:00');

/** The "when" every event carries: the client's claim, checked against ledger time. */
export const eventWhen = {
  eventTime: isoDateTime,
  eventTimeZoneOffset: timeZoneOffset,
};

/** CBV business transaction types used for custody. */
export const BIZ_TRANSACTION_TYPES = ['po', 'desadv', 'inv', 'bol', 'prodorder', 'recadv'] as const;

/** One entry of an EPCIS bizTransactionList. */
export interface BizTransaction {
  type: (typeof BIZ_TRANSACTION_TYPES)[number];
  bizTransaction: string;
}

/** A bizTransactionList (at least one entry). */
export const bizTransactionList = z
  .array(z.strictObject({ type: z.enum(BIZ_TRANSACTION_TYPES), bizTransaction: identifier }))
  .min(1, 'name at least one business transaction (po, desadv, ...)');

/** One quantity of a lot class, as in an EPCIS quantityList. */
export interface QuantityElement {
  epcClass: string;
  quantity: number;
  uom: string;
}

/** The stored form of an EPCIS event about lots; it is never changed, only corrected by declaration. */
export interface LotEventRecord {
  eventId: string;
  type: 'ObjectEvent' | 'TransformationEvent' | 'AggregationEvent';
  action?: 'ADD' | 'OBSERVE';
  /** AggregationEvent: the logistic unit (SSCC) the lots were packed into. */
  parentID?: string;
  childQuantityList?: QuantityElement[];
  bizStep: string;
  disposition: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  /** Ledger time the event was recorded. */
  recordTime: string;
  /** Older than the policy's maxBackdate at recording (rule 5). */
  lateEntry: boolean;
  quantityList?: QuantityElement[];
  inputQuantityList?: QuantityElement[];
  outputQuantityList?: QuantityElement[];
  transformationId?: string;
  bizTransactionList?: BizTransaction[];
  sourceList?: { type: 'owning_party' | 'possessing_party'; source: string }[];
  destinationList?: { type: 'owning_party' | 'possessing_party'; destination: string }[];
  ilmd?: Record<string, string>;
  reason?: string;
  recorded: AuditStamp;
}

/** An EPCIS errorDeclaration on an earlier event: the event stays readable, this says why it is wrong. */
export interface ErrorDeclarationRecord {
  eventId: string;
  lotId: string;
  declarationTime: string;
  reason: string;
  correctiveEventIDs: string[];
  declared: AuditStamp;
}
