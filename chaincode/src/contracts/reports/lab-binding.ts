/**
 * Binds the lab area's queries to the supply area's hooks (`contracts/lots/lab-hooks.ts`), in the
 * supply area's terms. Imported once by the chaincode entry point.
 */
import type { ReportRecord } from '../../model/lab/report';
import { analyteKind } from '../../rules/lab/analytes';
import { recognitionStateAt } from '../../rules/lab/recognition';
import type { AllianceContext } from '../context';
import { bindLabHooks, type ReportFacts } from '../lots/lab-hooks';
import { getReport, lotsTestedWith, recognitionOf, reportsForLot, suspendRecognitions } from './queries';

/** A report as the supply area reads it. */
export async function reportFacts(ctx: AllianceContext, report: ReportRecord): Promise<ReportFacts> {
  const recognition = await recognitionOf(ctx, report.reportId);
  const unsatisfied = new Set(report.evaluation.speciation.filter((s) => !s.satisfied).map((s) => s.analyte));
  return {
    reportId: report.reportId,
    lotId: report.lotId,
    labMspId: report.labMspId,
    verified: report.state === 'VERIFIED',
    ...(report.verifiedAt === undefined ? {} : { verifiedAt: report.verifiedAt }),
    recognition: recognition === undefined ? undefined : recognitionStateAt(recognition, ctx.now),
    t1: report.traceabilityClasses.length > 0 && report.traceabilityClasses.every((c) => c === 'T1'),
    lateEntry: report.lateEntry,
    instrumentsQualified: report.verification?.instrumentsQualified ?? false,
    runs: report.runIds,
    instruments: report.instrumentIds,
    calibrations: report.calibrationIds,
    results: report.results.map((r, i) => {
      const outcome = report.evaluation.verdicts[i]?.outcome;
      return {
        analyte: r.analyte,
        species: r.species,
        ...(analyteKind(r.analyte) === 'ELEMENT' ? { valueUgPerG: r.normalised.value } : {}),
        conforms: outcome === 'CONFORMS' || outcome === 'NO_LIMIT',
        speciationRequired: outcome === 'SPECIATION_REQUIRED' || unsatisfied.has(r.analyte),
      };
    }),
  };
}

bindLabHooks({
  async reportsForLot(ctx, lotId) {
    const reports = await reportsForLot(ctx, lotId);
    const facts: ReportFacts[] = [];
    for (const report of reports) facts.push(await reportFacts(ctx, report));
    return facts;
  },
  async getReport(ctx, reportId) {
    const report = await getReport(ctx, reportId);
    return report === undefined ? undefined : reportFacts(ctx, report);
  },
  suspendRecognitions,
  lotsTestedWith,
});
