/**
 * The `reports` contract (rules 17-27): method validations, reports with structured results,
 * the signing chain DRAFT → SUBMITTED → SIGNED → REVIEWED → APPROVED with segregation of duties,
 * VERIFIED and the recognition computed by the chaincode, amendments that supersede, revocation.
 */
import type { MethodValidationRecord } from '../../model/lab/method';
import type { RecognitionRecord, ReportRecord } from '../../model/lab/report';
import {
  parseCreateReportInput,
  parseRecordMethodValidationInput,
  parseReportRefInput,
  parseReportsForLotInput,
  parseRevokeReportInput,
  parseSuspendRecognitionInput,
} from '../../model/lab/report-input';
import { canonicalJson } from '../../ledger/json';
import { AllianceError } from '../../model/errors';
import { ACTION_MEANING, checkSignerForAction, nextReportState, type ReportAction } from '../../rules/lab/report-state';
import { REPORTS_ACCESS } from '../../rules/lab/roles';
import { addSignature } from '../../rules/signatures';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { createOwned, requireOwner } from '../lab-records';
import { buildReport, supersede } from './create';
import { methodKey, RECOGNITION_BY_LAB, recognitionKey, REPORT_BY_LOT, reportKey } from './keys';
import { getReport, recognitionOf, reportsForLot, suspendRecognitions } from './queries';
import { verifyReport } from './verify';

async function loadOwnReport(ctx: AllianceContext, reportId: string): Promise<ReportRecord> {
  const report = await ctx.store.mustGet<ReportRecord>(reportKey(ctx.store, reportId), 'NOT_FOUND', `report ${reportId}`);
  requireOwner(ctx, report.labMspId, `report ${reportId}`);
  return report;
}

async function saveReport(ctx: AllianceContext, before: ReportRecord, after: ReportRecord, reason?: string): Promise<ReportRecord> {
  const next = { ...after, version: before.version + 1, updated: ctx.stamp(reason) };
  await ctx.store.put(reportKey(ctx.store, next.reportId), next);
  if (before.state !== next.state) {
    ctx.emit('report.state-changed', { kind: 'report', id: next.reportId }, { from: before.state, to: next.state, lotId: next.lotId });
  }
  return next;
}

/** Contract `reports`. */
export class ReportsContract extends AllianceContract {
  constructor() {
    super('reports', REPORTS_ACCESS);
  }

  /** Records a method validation of the caller's lab (rule 26). */
  async RecordMethodValidation(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRecordMethodValidationInput);
    const { acceptance, pharmacopoeialRef, intermediatePrecisionRsdPct, ...rest } = input;
    const record: MethodValidationRecord = {
      ...rest,
      ...(acceptance === undefined ? {} : { acceptance }),
      ...(pharmacopoeialRef === undefined ? {} : { pharmacopoeialRef }),
      ...(intermediatePrecisionRsdPct === undefined ? {} : { intermediatePrecisionRsdPct }),
      id: `${input.methodId}@${input.version}`,
      ownerMspId: ctx.caller.mspId,
      recorded: ctx.stamp(),
    };
    await createOwned(ctx, methodKey(ctx.store, ctx.caller.mspId, input.methodId, input.version), `method ${record.id}`, record);
    return canonicalJson(record);
  }

  /** Creates a DRAFT report, or an amendment that supersedes an issued one. */
  async CreateReport(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseCreateReportInput);
    const report = await buildReport(ctx, input);
    await createOwned(ctx, reportKey(ctx.store, input.reportId), `report ${input.reportId}`, report);
    await createOwned(ctx, ctx.store.key(REPORT_BY_LOT, [input.lotId, input.reportId]), 'report index entry', { reportId: input.reportId });
    if (input.supersedes !== undefined) await supersede(ctx, input.supersedes, report, input.amendmentReason ?? '');
    ctx.emit('report.created', { kind: 'report', id: input.reportId }, {
      lotId: input.lotId,
      overall: report.evaluation.overall,
      labelFlags: report.labelFlags.map((f) => f.code),
    });
    return canonicalJson(report);
  }

  /** DRAFT → SUBMITTED: the content is final from here on. */
  async SubmitReport(ctx: AllianceContext): Promise<string> {
    return this.#advance(ctx, 'SUBMIT');
  }

  /** SUBMITTED → SIGNED: the author's AUTHORSHIP signature. */
  async SignReport(ctx: AllianceContext): Promise<string> {
    return this.#advance(ctx, 'SIGN');
  }

  /** SIGNED → REVIEWED: a reviewer other than the author. */
  async ReviewReport(ctx: AllianceContext): Promise<string> {
    return this.#advance(ctx, 'REVIEW');
  }

  /** REVIEWED → APPROVED, then VERIFIED when every automatic check holds. */
  async ApproveReport(ctx: AllianceContext): Promise<string> {
    return this.#advance(ctx, 'APPROVE');
  }

  /** Re-runs the automatic checks of an APPROVED report. */
  async VerifyReport(ctx: AllianceContext): Promise<string> {
    const report = await loadOwnReport(ctx, ctx.input(parseReportRefInput).reportId);
    nextReportState(report.state, 'VERIFY');
    return canonicalJson(await this.#verify(ctx, report, report));
  }

  /** Revokes a report; its recognition is suspended. */
  async RevokeReport(ctx: AllianceContext): Promise<string> {
    const { reportId, reason } = ctx.input(parseRevokeReportInput);
    const report = await loadOwnReport(ctx, reportId);
    const state = nextReportState(report.state, 'REVOKE');
    const recognition = await recognitionOf(ctx, reportId);
    if (recognition !== undefined && recognition.suspendedAt === undefined) {
      await ctx.store.put(recognitionKey(ctx.store, reportId), { ...recognition, suspendedAt: ctx.now, suspensionCause: `report revoked: ${reason}` });
    }
    return canonicalJson(await saveReport(ctx, report, { ...report, state, revoked: ctx.stamp(reason) }, reason));
  }

  /** Suspends a lab's recognitions (the registrar or the platform). */
  async SuspendRecognition(ctx: AllianceContext): Promise<string> {
    const { labMspId, analytes, cause } = ctx.input(parseSuspendRecognitionInput);
    return canonicalJson({ suspended: await suspendRecognitions(ctx, labMspId, analytes, cause) });
  }

  /** One report. */
  async GetReport(ctx: AllianceContext): Promise<string> {
    const { reportId } = ctx.input(parseReportRefInput);
    const report = await getReport(ctx, reportId);
    if (report === undefined) throw new AllianceError('NOT_FOUND', `report ${reportId} not found`);
    return canonicalJson(report);
  }

  /** Every report on a lot, oldest first. */
  async ReportsForLot(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await reportsForLot(ctx, ctx.input(parseReportsForLotInput).lotId));
  }

  /** The recognition of a report. */
  async GetRecognition(ctx: AllianceContext): Promise<string> {
    const { reportId } = ctx.input(parseReportRefInput);
    const recognition = await recognitionOf(ctx, reportId);
    if (recognition === undefined) throw new AllianceError('NOT_FOUND', `no recognition for report ${reportId}`);
    return canonicalJson(recognition);
  }

  async #advance(ctx: AllianceContext, action: ReportAction): Promise<string> {
    const report = await loadOwnReport(ctx, ctx.input(parseReportRefInput).reportId);
    const state = nextReportState(report.state, action);
    const meaning = ACTION_MEANING[action];
    let next: ReportRecord = { ...report, state };
    if (meaning !== undefined) {
      checkSignerForAction(action, report.authorId, ctx.caller.userId);
      next = { ...next, signatures: addSignature(report.signatures, ctx.sign(meaning, report.contentHash)) };
    }
    if (action === 'APPROVE') return canonicalJson(await this.#verify(ctx, report, next));
    return canonicalJson(await saveReport(ctx, report, next));
  }

  /** Runs rule 19 on `next`; VERIFIED with its recognition when nothing fails. */
  async #verify(ctx: AllianceContext, before: ReportRecord, next: ReportRecord): Promise<ReportRecord> {
    const outcome = await verifyReport(ctx, next, (await ctx.policy()).parameters);
    const verification = { at: ctx.now, failures: outcome.failures, instrumentsQualified: outcome.instrumentsQualified };
    if (outcome.failures.length > 0) {
      ctx.emit('report.verification-failed', { kind: 'report', id: next.reportId }, { failures: outcome.failures });
      return saveReport(ctx, before, { ...next, verification });
    }
    const recognition: RecognitionRecord = outcome.recognition;
    await ctx.store.put(recognitionKey(ctx.store, next.reportId), recognition);
    await ctx.store.put(ctx.store.key(RECOGNITION_BY_LAB, [next.labMspId, next.reportId]), { reportId: next.reportId });
    ctx.emit('report.recognition', { kind: 'report', id: next.reportId }, { status: recognition.status, validUntil: recognition.validUntil });
    return saveReport(ctx, before, { ...next, state: 'VERIFIED', verification, verifiedAt: ctx.now });
  }
}
