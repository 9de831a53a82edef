/**
 * The alliance's on-ledger, versioned policy document: every bracketed parameter of the rule
 * list (domain reference §8), so an amendment needs a governance transaction, not a chaincode
 * upgrade. Rules read the version in force through `ctx.policy()`.
 */
import { z } from 'zod';
import { text } from './validate';

/** Decision rules for conformity statements (17025 §7.8.6; Eurachem/CITAC 2021). */
export const DECISION_RULES = ['SIMPLE_ACCEPTANCE', 'GUARDED_ACCEPTANCE'] as const;

/** One of {@link DECISION_RULES}. */
export type DecisionRule = (typeof DECISION_RULES)[number];

/** Every alliance parameter, each with the rule that uses it. */
export interface PolicyParameters {
  /** Rule 5: a client eventTime may be at most this far after ledger time. */
  maxClockSkewSeconds: number;
  /** Rule 5: eventTime older than this before ledger time is accepted with LATE_ENTRY. */
  maxBackdateHours: number;
  /** Rule 9: qualifiedUntil = PQ date + this many months. */
  requalIntervalMonths: number;
  /** Rule 9: DUE_SOON this many days before qualifiedUntil. */
  dueSoonDays: number;
  /** Rule 16: a satisfactory PT within this many months makes a sub-field PT_CURRENT. */
  ptCurrencyMonths: number;
  /** Rule 20: a recognition lasts this many months (or until the accreditation ends). */
  recognitionValidityMonths: number;
  /** Rules 14, 20: T2 (MRA-equivalent) traceability is accepted for full recognition. */
  acceptT2: boolean;
  /** Rule 20: speciation/isomer analytes need comparative verification. */
  requireComparativeForSpeciation: boolean;
  /** Rule 25: the decision rule applied to results against limits. */
  decisionRule: DecisionRule;
  /** Rule 24: botanical raw materials also get the ChP guidance limits. */
  applyChPBotanicalLimits: boolean;
  /** Rule 36: the Trusted Source badge window and lot count. */
  trustedSource: { windowMonths: number; minReleasedLots: number };
}

/** The defaults of domain reference §8 (the values version 1 adopts unless bootstrap overrides them). */
export const DEFAULT_POLICY_PARAMETERS: Readonly<PolicyParameters> = Object.freeze({
  maxClockSkewSeconds: 300,
  maxBackdateHours: 72,
  requalIntervalMonths: 12,
  dueSoonDays: 30,
  ptCurrencyMonths: 36,
  recognitionValidityMonths: 12,
  acceptT2: true,
  requireComparativeForSpeciation: true,
  decisionRule: 'SIMPLE_ACCEPTANCE',
  // The rule list gives no default; off until the alliance opts in, so no limit applies by surprise.
  applyChPBotanicalLimits: false,
  trustedSource: Object.freeze({ windowMonths: 12, minReleasedLots: 5 }),
});

/** One version of the policy document. */
export interface PolicyDocument {
  version: number;
  parameters: PolicyParameters;
  /** Ledger time of adoption, ISO 8601 UTC. */
  adoptedAt: string;
  /** `${mspId}/${userId}` of the adopting identity. */
  adoptedBy: string;
  reason: string;
}

const wholeCount = (max: number) => z.number().int().min(1).max(max);

/** Schema of a complete parameter set. */
export const policyParameters = z.strictObject({
  maxClockSkewSeconds: z.number().int().min(0).max(86_400),
  maxBackdateHours: wholeCount(8_760),
  requalIntervalMonths: wholeCount(120),
  dueSoonDays: z.number().int().min(0).max(365),
  ptCurrencyMonths: wholeCount(120),
  recognitionValidityMonths: wholeCount(120),
  acceptT2: z.boolean(),
  requireComparativeForSpeciation: z.boolean(),
  decisionRule: z.enum(DECISION_RULES),
  applyChPBotanicalLimits: z.boolean(),
  trustedSource: z.strictObject({ windowMonths: wholeCount(120), minReleasedLots: wholeCount(10_000) }),
}) satisfies z.ZodType<PolicyParameters>;

/** Schema of an amendment: the parameters that change, and why. */
export const policyAmendment = z.strictObject({
  changes: policyParameters
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'must change at least one parameter'),
  reason: text,
});

/** A validated amendment. */
export type PolicyAmendment = z.infer<typeof policyAmendment>;
