/**
 * Test reports (rules 17-27): structured results bound to on-ledger runs, the evaluation against
 * limits, label-form flags, the e-signatures and the verification outcome. Recognitions (rule
 * 20) are records of their own so other members can suspend them.
 */
import type { AuditStamp } from '../audit';
import type { ElectronicSignature } from '../signature';
import type { DecisionRule } from '../policy';
import type { DocumentHash } from './qualification';
import type { TraceabilityClass } from './reference-material';

/** Result basis. */
export type ResultBasis = 'AS_IS' | 'DRY';

/** One structured result as submitted (rule 21). */
export interface ResultInput {
  analyte: string;
  species: string;
  value: number;
  unit: string;
  U: number;
  k: number;
  loq?: number;
  basis: ResultBasis;
  testRunIds: string[];
}

/** A result as recorded: the input plus its values in the analyte's canonical unit. */
export interface ReportResult extends ResultInput {
  normalised: { value: number; unit: string; U: number; loq?: number };
}

/** The method a report used. */
export interface ReportMethod {
  methodId: string;
  version: string;
  pharmacopoeialRef?: string;
}

/** The outcome of one verdict (rule 25), per result. */
export interface StoredVerdict {
  analyte: string;
  species: string;
  outcome: 'CONFORMS' | 'NON_CONFORMS' | 'INCONCLUSIVE' | 'NO_LIMIT' | 'SPECIATION_REQUIRED';
  decisionRule: DecisionRule;
  limit?: number;
  limitSource?: string;
}

/** Report states (rule 19). */
export type ReportStateName =
  'DRAFT' | 'SUBMITTED' | 'SIGNED' | 'REVIEWED' | 'APPROVED' | 'VERIFIED' | 'AMENDED' | 'REVOKED';

/** A report on the ledger. */
export interface ReportRecord {
  reportId: string;
  labMspId: string;
  title: string;
  customer: string;
  lotId: string;
  productId: string;
  material?: string;
  matrix: string;
  sampledAt: string;
  receivedAt: string;
  issuedAt: string;
  method: ReportMethod;
  conformityStatement: boolean;
  results: ReportResult[];
  evaluation: {
    verdicts: StoredVerdict[];
    speciation: { analyte: string; species: string; limit: number; reason: string; satisfied: boolean }[];
    overall: 'CONFORMS' | 'NON_CONFORMS' | 'INCONCLUSIVE' | 'SPECIATION_REQUIRED';
  };
  labelClaims?: Record<string, unknown>;
  labelFlags: { code: string; message: string }[];
  attachments: DocumentHash[];
  deviations: string[];
  supersedes?: string;
  supersededBy?: string;
  state: ReportStateName;
  /** SHA-256 of the canonical JSON of the report's content: what every signature binds to. */
  contentHash: string;
  signatures: ElectronicSignature[];
  authorId: string;
  runIds: string[];
  instrumentIds: string[];
  calibrationIds: string[];
  traceabilityClasses: TraceabilityClass[];
  lateEntry: boolean;
  verification?: { at: string; failures: string[]; instrumentsQualified: boolean };
  verifiedAt?: string;
  revoked?: AuditStamp;
  version: number;
  created: AuditStamp;
  updated: AuditStamp;
}

/** A recognition (rule 20), a key of its own without key-level policy. */
export interface RecognitionRecord {
  reportId: string;
  labMspId: string;
  lotId: string;
  analytes: string[];
  status: 'RECOGNIZED' | 'CONDITIONALLY_RECOGNIZED' | 'NOT_RECOGNIZED';
  reasons: { code: string; message: string; effect: 'DENIES' | 'CONDITIONS' }[];
  validUntil: string;
  computedAt: string;
  suspendedAt?: string;
  suspensionCause?: string;
}
