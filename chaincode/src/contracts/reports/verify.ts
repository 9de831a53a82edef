/**
 * The automatic checks of rule 19 and the recognition of rule 20, run when a report is approved
 * (and again on request while it is APPROVED): VERIFIED is set by the chaincode alone.
 */
import type { MethodValidationRecord } from '../../model/lab/method';
import type { RecognitionRecord, ReportRecord } from '../../model/lab/report';
import type { PolicyParameters } from '../../model/policy';
import { analyteKind, isSpeciationAnalyte } from '../../rules/lab/analytes';
import { reportChronologyViolations } from '../../rules/lab/chronology';
import { methodFitsAnalyte, methodValidationViolations, runSuitabilityViolations } from '../../rules/lab/method-validation';
import { ptCurrency } from '../../rules/lab/pt-currency';
import { recognise } from '../../rules/lab/recognition';
import { outOfScope } from '../../rules/lab/scope';
import { verificationFailures } from '../../rules/lab/verification';
import type { RuleViolation } from '../../rules/lab/violation';
import type { AllianceContext } from '../context';
import { accreditationFacts, accreditationsOf, bestAccreditation, ptOutcomes, runEvidence, type RunWithEvidence } from './evidence';
import { methodKey } from './keys';

/** What verification found. */
export interface VerificationOutcome {
  failures: string[];
  instrumentsQualified: boolean;
  recognition: Omit<RecognitionRecord, 'suspendedAt' | 'suspensionCause'>;
}

function methodViolations(report: ReportRecord, method: MethodValidationRecord | undefined, runs: readonly RunWithEvidence[]): RuleViolation[] {
  if (method === undefined) {
    return [{ code: 'METHOD_NOT_VALIDATED', message: `no validation record for ${report.method.methodId}@${report.method.version}` }];
  }
  const violations = [...methodValidationViolations(method)];
  for (const r of report.results) {
    const kind = analyteKind(r.analyte);
    if (kind !== undefined && !methodFitsAnalyte(method.kind, kind)) {
      violations.push({ code: 'METHOD_NOT_VALIDATED', message: `a ${method.kind} method cannot report ${r.analyte}` });
    }
  }
  for (const { run } of runs) {
    violations.push(...runSuitabilityViolations(method.kind, run.suitability).map((v) => ({ ...v, message: `run ${run.runId}: ${v.message}` })));
  }
  return violations;
}

/** Runs rule 19's checks and computes rule 20's recognition for `report` at ledger time. */
export async function verifyReport(ctx: AllianceContext, report: ReportRecord, policy: PolicyParameters): Promise<VerificationOutcome> {
  const runs = await runEvidence(ctx, report.runIds, policy);
  const records = await accreditationsOf(ctx, report.labMspId);
  const best = bestAccreditation(records, ctx.now);
  const accreditation = best === undefined ? undefined : accreditationFacts(best);
  const member = await ctx.member(report.labMspId);
  const labSuspended = (member)?.status !== 'ACTIVE';
  const scope = records.filter((r) => r.status === 'ACTIVE').flatMap((r) => r.scope);
  const queries = report.results.map((r) => ({ analyte: r.analyte, matrix: report.matrix, methodId: report.method.methodId, methodVersion: report.method.version }));
  const missing = outOfScope(scope, queries);
  const author = report.signatures.find((s) => s.meaning === 'AUTHORSHIP');
  const chronology = reportChronologyViolations({
    ...report,
    runs: runs.map((r) => r.evidence),
    ...(author === undefined ? {} : { signedAt: author.signedAt }),
    submittedAt: ctx.now,
  });
  const method = await ctx.store.get<MethodValidationRecord>(methodKey(ctx.store, report.labMspId, report.method.methodId, report.method.version));
  const failures = verificationFailures({
    accreditation,
    labSuspended,
    outOfScope: missing,
    runs: runs.map((r) => r.evidence),
    chronology,
    method: methodViolations(report, method, runs),
  });
  const analytes = [...new Set(report.results.map((r) => r.analyte))].sort();
  const ptStatuses = [];
  for (const analyte of analytes) {
    const status = ptCurrency(await ptOutcomes(ctx, report.labMspId, analyte, report.matrix), ctx.now, policy.ptCurrencyMonths);
    ptStatuses.push({ subField: `${analyte}/${report.matrix}`, status });
  }
  const unqualified = [...new Set(runs.filter((r) => !r.evidence.instrumentUsable).map((r) => r.run.instrumentId))].sort();
  const verdict = recognise(
    {
      at: ctx.now,
      accreditation,
      labSuspended,
      outOfScope: missing,
      ptStatuses,
      unqualifiedInstruments: unqualified,
      traceabilityClasses: runs.map((r) => r.evidence.traceabilityClass),
      speciationAnalytes: report.results.filter((r) => isSpeciationAnalyte(r.analyte, r.species)).map((r) => `${r.analyte}/${r.species}`),
    },
    policy,
  );
  return {
    failures,
    instrumentsQualified: unqualified.length === 0,
    recognition: { reportId: report.reportId, labMspId: report.labMspId, lotId: report.lotId, analytes, ...verdict, computedAt: ctx.now },
  };
}
