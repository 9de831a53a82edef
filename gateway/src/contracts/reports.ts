import type { MethodValidationRecord } from '@alliance/chaincode/model/lab/method';
import type { RecognitionRecord, ReportRecord } from '@alliance/chaincode/model/lab/report';
import {
  createReportInput,
  parseCreateReportInput,
  parseRecordMethodValidationInput,
  parseReportRefInput,
  parseReportsForLotInput,
  parseRevokeReportInput,
  parseSuspendRecognitionInput,
  recordMethodValidationInput,
} from '@alliance/chaincode/model/lab/report-input';
import type { InputOf } from './model-types';
import type { SchemaInput } from './schema-input';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

type Ref = InputOf<typeof parseReportRefInput>;

/** The contract's transactions, as the facade and the CLI call them. */
export const REPORTS_TRANSACTIONS = {
  recordMethodValidation: transaction<
    SchemaInput<typeof recordMethodValidationInput>,
    MethodValidationRecord
  >('reports', 'RecordMethodValidation', 'submit', parseRecordMethodValidationInput),
  create: transaction<SchemaInput<typeof createReportInput>, ReportRecord>(
    'reports',
    'CreateReport',
    'submit',
    parseCreateReportInput,
  ),
  submit: transaction<Ref, ReportRecord>('reports', 'SubmitReport', 'submit', parseReportRefInput),
  sign: transaction<Ref, ReportRecord>('reports', 'SignReport', 'submit', parseReportRefInput),
  review: transaction<Ref, ReportRecord>('reports', 'ReviewReport', 'submit', parseReportRefInput),
  approve: transaction<Ref, ReportRecord>('reports', 'ApproveReport', 'submit', parseReportRefInput),
  verify: transaction<Ref, ReportRecord>('reports', 'VerifyReport', 'submit', parseReportRefInput),
  revoke: transaction<InputOf<typeof parseRevokeReportInput>, ReportRecord>(
    'reports',
    'RevokeReport',
    'submit',
    parseRevokeReportInput,
  ),
  suspendRecognition: transaction<InputOf<typeof parseSuspendRecognitionInput>, { suspended: string[] }>(
    'reports',
    'SuspendRecognition',
    'submit',
    parseSuspendRecognitionInput,
  ),
  get: transaction<Ref, ReportRecord>('reports', 'GetReport', 'evaluate', parseReportRefInput),
  forLot: transaction<InputOf<typeof parseReportsForLotInput>, ReportRecord[]>(
    'reports',
    'ReportsForLot',
    'evaluate',
    parseReportsForLotInput,
  ),
  recognition: transaction<Ref, RecognitionRecord>(
    'reports',
    'GetRecognition',
    'evaluate',
    parseReportRefInput,
  ),
} as const;

/**
 * The `reports` contract: method validations, structured test reports through
 * DRAFT → SUBMITTED → SIGNED → REVIEWED → APPROVED → VERIFIED, and their recognition.
 */
export class Reports {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Records the validation of an analytical method (needed before its results count). */
  recordMethodValidation(
    input: SchemaInput<typeof recordMethodValidationInput>,
  ): Promise<Committed<MethodValidationRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.recordMethodValidation, input);
  }
  /** Creates a DRAFT report with structured results, or an amendment superseding an issued one. */
  create(input: SchemaInput<typeof createReportInput>): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.create, input);
  }
  /** DRAFT → SUBMITTED: the content is final from here on. */
  submit(input: Ref): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.submit, input);
  }
  /** SUBMITTED → SIGNED: the author's signature. */
  sign(input: Ref): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.sign, input);
  }
  /** SIGNED → REVIEWED: a reviewer other than the author. */
  review(input: Ref): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.review, input);
  }
  /** REVIEWED → APPROVED, then VERIFIED with its recognition when every automatic check holds. */
  approve(input: Ref): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.approve, input);
  }
  /** Re-runs the automatic checks of an APPROVED report. */
  verify(input: Ref): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.verify, input);
  }
  /** Revokes a report; its recognition is suspended. */
  revoke(input: InputOf<typeof parseRevokeReportInput>): Promise<Committed<ReportRecord>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.revoke, input);
  }
  /** Suspends a lab's recognitions, for some analytes or all (registrar or platform). */
  suspendRecognition(
    input: InputOf<typeof parseSuspendRecognitionInput>,
  ): Promise<Committed<{ suspended: string[] }>> {
    return this.#invoker.submit(REPORTS_TRANSACTIONS.suspendRecognition, input);
  }
  /** One report. */
  get(input: Ref): Promise<ReportRecord> {
    return this.#invoker.evaluate(REPORTS_TRANSACTIONS.get, input);
  }
  /** Every report on a lot, oldest first. */
  forLot(input: InputOf<typeof parseReportsForLotInput>): Promise<ReportRecord[]> {
    return this.#invoker.evaluate(REPORTS_TRANSACTIONS.forLot, input);
  }
  /** The recognition computed for a report. */
  recognition(input: Ref): Promise<RecognitionRecord> {
    return this.#invoker.evaluate(REPORTS_TRANSACTIONS.recognition, input);
  }
}
