/**
 * IQ/OQ/PQ records (rule 7): every test with its set-point, measured value, acceptance limit,
 * reference standard and performer. The pass/fail of each test and of the stage is computed by
 * the chaincode from the numbers, never taken from the submitter.
 */
import type { AuditStamp } from '../audit';
import type { QualificationStage } from './instrument';

/**
 * An acceptance limit.
 * - MAX / MIN: measured ≤ (or <) value, measured ≥ (or >) value.
 * - DEVIATION: |measured − setPoint| ≤ value, or as a percentage of the set-point when relative.
 * - RANGE: min ≤ measured ≤ max (environment checks of an IQ).
 */
export type TestLimit =
  | { kind: 'MAX'; value: number; inclusive: boolean }
  | { kind: 'MIN'; value: number; inclusive: boolean }
  | { kind: 'DEVIATION'; value: number; relative: boolean }
  | { kind: 'RANGE'; min: number; max: number };

/** The standard or certified reference material a test used. */
export interface ReferenceStandard {
  description: string;
  crmId?: string;
  certificateId?: string;
  expiresAt?: string;
}

/** One test of a qualification stage, as submitted. */
export interface QualificationTestInput {
  testId: string;
  name: string;
  unit: string;
  setPoint?: number;
  measured: number;
  limit: TestLimit;
  referenceStandard?: ReferenceStandard;
  performedBy: string;
}

/** One test as recorded: the input plus the computed result. */
export interface QualificationTestResult extends QualificationTestInput {
  passed: boolean;
}

/** A named document (protocol, report, certificate) bound by its SHA-256. */
export interface DocumentHash {
  name: string;
  sha256: string;
}

/** A qualification record on the ledger. */
export interface QualificationRecord {
  id: string;
  instrumentId: string;
  stage: QualificationStage;
  performedAt: string;
  softwareVersion: string;
  firmwareVersion: string;
  tests: QualificationTestResult[];
  documents: DocumentHash[];
  passed: boolean;
  recorded: AuditStamp;
}
