/**
 * Comparative verification (8.7): the protocol with every rule-28 field, the case around it, and
 * the inputs of approval, commitment and reveal.
 */
import type { AnalyteEvaluation } from '../../rules/supply/evaluate';
import type { Outcome } from '../../rules/supply/outcome';
import type { VerificationState } from '../../rules/supply/verification-state';
import type { AuditStamp } from '../audit';
import type { ElectronicSignature } from '../signature';
import {
  identifier,
  mspId,
  nonNegativeNumber,
  parserFor,
  positiveNumber,
  sha256Hex,
  text,
  z,
} from '../validate';
import { lotId } from './epcis';

const analytePlan = z
  .strictObject({
    analyte: identifier,
    matrix: identifier,
    unit: z.enum(['mg/kg', 'µg/g', 'ug/g', 'µg/kg', 'ug/kg', 'ng/g', 'mg/g', 'g/100g', '%', 'g/g']),
    levels: z.array(positiveNumber).min(1),
    method: z.strictObject({ id: identifier, version: identifier, reference: text }),
    assignedValueSource: z.enum(['REFERENCE_LAB', 'CRM', 'CONSENSUS']),
    assignedValue: positiveNumber.optional(),
    assignedUncertainty: nonNegativeNumber.optional(),
    referenceLab: mspId.optional(),
    sigmaRule: z.enum(['HORWITZ_THOMPSON', 'FIXED_RSD', 'METHOD_SR']),
    fixedRsdPercent: positiveNumber.optional(),
    methodSR: positiveNumber.optional(),
    methodSr: positiveNumber.optional(),
    scoreType: z.enum(['z', 'z_prime', 'zeta', 'En']),
  })
  .superRefine((plan, ctx) => {
    const need = (field: keyof typeof plan, when: boolean, why: string): void => {
      if (when && plan[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${why}` });
    };
    need('assignedValue', plan.assignedValueSource === 'CRM', 'a CRM-assigned value');
    need('referenceLab', plan.assignedValueSource === 'REFERENCE_LAB', 'a reference-lab assigned value');
    need('fixedRsdPercent', plan.sigmaRule === 'FIXED_RSD', 'FIXED_RSD');
    need('methodSR', plan.sigmaRule === 'METHOD_SR', 'METHOD_SR');
  });

/** The protocol body (rule 28). */
export const protocolSchema = z
  .strictObject({
    title: text,
    labs: z
      .array(z.strictObject({ mspId, role: z.enum(['SENDING', 'RECEIVING', 'REFERENCE']) }))
      .min(2)
      .max(20),
    analytes: z.array(analytePlan).min(1).max(50),
    instruments: z.array(z.strictObject({ lab: mspId, instrumentId: identifier })).min(1),
    testItems: z
      .array(z.strictObject({ lotId, homogeneityEvidence: identifier, stabilityEvidence: identifier }))
      .min(1),
    replicates: z.int().min(1).max(100),
    acceptanceCriteria: text,
  })
  .superRefine((p, ctx) => {
    const labs = p.labs.map((l) => l.mspId);
    if (new Set(labs).size !== labs.length)
      ctx.addIssue({ code: 'custom', path: ['labs'], message: 'each lab once' });
    p.analytes.forEach((a, i) => {
      if (a.referenceLab !== undefined && !labs.includes(a.referenceLab)) {
        ctx.addIssue({
          code: 'custom',
          path: ['analytes', i, 'referenceLab'],
          message: 'must be a participating lab',
        });
      }
    });
    p.instruments.forEach((ins, i) => {
      if (!labs.includes(ins.lab))
        ctx.addIssue({
          code: 'custom',
          path: ['instruments', i, 'lab'],
          message: 'must be a participating lab',
        });
    });
  });

/** The protocol of a comparative verification. */
export type Protocol = z.infer<typeof protocolSchema>;

/** Input of `verifications:OpenCase` and `verifications:ReviseProtocol`. */
export interface ProtocolInput {
  caseId: string;
  protocol: Protocol;
}

/** Parses the input of `verifications:OpenCase` / `verifications:ReviseProtocol`. */
export const parseProtocolInput: (raw: unknown) => ProtocolInput = parserFor(
  z.strictObject({ caseId: identifier, protocol: protocolSchema }),
);

/** Input of steps that name only the case (approve, dispatch, investigate). */
export const parseCaseStepInput: (raw: unknown) => { caseId: string } = parserFor(
  z.strictObject({ caseId: identifier }),
);

/** Input of `verifications:CloseCase`. */
export const parseCloseCaseInput: (raw: unknown) => { caseId: string; reason: string } = parserFor(
  z.strictObject({ caseId: identifier, reason: text }),
);

/** Input of `verifications:CommitResults`: the SHA-256 of the lab's results (see commitment.ts). */
export const parseCommitInput: (raw: unknown) => { caseId: string; commitment: string } = parserFor(
  z.strictObject({ caseId: identifier, commitment: sha256Hex }),
);

/** One lab's results for one analyte. */
export interface RevealedResult {
  analyte: string;
  values: number[];
  expandedUncertainty: number;
  coverageFactor: number;
}

/** Input of `verifications:RevealResults`. */
export interface RevealInput {
  caseId: string;
  salt: string;
  results: RevealedResult[];
}

/** Parses the input of `verifications:RevealResults`. */
export const parseRevealInput: (raw: unknown) => RevealInput = parserFor(
  z.strictObject({
    caseId: identifier,
    salt: z.string().min(16, 'use at least 16 characters of salt').max(256),
    results: z
      .array(
        z.strictObject({
          analyte: identifier,
          values: z.array(positiveNumber).min(1).max(100),
          expandedUncertainty: nonNegativeNumber,
          coverageFactor: positiveNumber.default(2),
        }),
      )
      .min(1),
  }),
);

/** A verification case. Its key-level policy names the verifier lab and the requester. */
export interface VerificationCaseRecord {
  caseId: string;
  requester: string;
  verifier: string;
  labs: string[];
  protocolVersion: number;
  protocolHash: string;
  state: VerificationState;
  outcome?: Outcome;
  created: AuditStamp;
  updated: AuditStamp;
}

/** One version of a case's protocol; frozen once approved. */
export interface ProtocolRecord {
  caseId: string;
  version: number;
  protocol: Protocol;
  hash: string;
  recorded: AuditStamp;
}

/** An approval of one protocol version by one org. */
export interface ApprovalRecord {
  caseId: string;
  version: number;
  mspId: string;
  signature: ElectronicSignature;
}

/** A lab's sealed commitment. */
export interface CommitmentRecord {
  caseId: string;
  version: number;
  lab: string;
  commitment: string;
  committed: AuditStamp;
}

/** A lab's revealed results, checked against its commitment. */
export interface RevealRecord {
  caseId: string;
  version: number;
  lab: string;
  salt: string;
  results: RevealedResult[];
  revealed: AuditStamp;
}

/** The evaluated outcome of a case (a key of its own). */
export interface VerificationOutcomeRecord {
  caseId: string;
  version: number;
  evaluations: AnalyteEvaluation[];
  labOutcomes: { lab: string; analyte: string; scored: Outcome; counted: Outcome }[];
  aggregate: Outcome;
  suspendedRecognitions: string[];
  heldLots: string[];
  evaluated: AuditStamp;
}
