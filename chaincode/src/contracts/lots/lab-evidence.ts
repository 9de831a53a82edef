/**
 * The lab evidence on a lot, read through the lab hooks: per report and analyte whether it covers
 * the analyte (rule 31), the latest conforming concentration per element (rule 34), and the ids
 * of everything the evidence rests on (8.9).
 */
import type { AnalyteEvidence } from '../../rules/supply/release';
import type { AllianceContext } from '../context';
import { labHooks, type ReportFacts } from './lab-hooks';

/** The key of an element in the PDE table and in concentrations: `Pb`, `As/inorganic`, `Hg/MeHg`. */
export function elementKey(analyte: string, species: string): string {
  return species === 'total' ? analyte : `${analyte}/${species}`;
}

/** Everything the lab area says about one lot. */
export interface LabEvidence {
  analytes: Omit<AnalyteEvidence, 'comparativePassed'>[];
  /** Latest conforming concentration (µg/g) per element key, from VERIFIED reports. */
  concentrations: Record<string, number>;
  reports: ReportFacts[];
  ids: { reports: string[]; runs: string[]; instruments: string[]; calibrations: string[] };
}

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

/** Gathers the lab evidence on `lotId`. */
export async function labEvidenceFor(ctx: AllianceContext, lotId: string): Promise<LabEvidence> {
  const reports = await labHooks().reportsForLot(ctx, lotId);
  const analytes: LabEvidence['analytes'] = [];
  const concentrations: Record<string, number> = {};
  for (const report of reports) {
    for (const analyte of sortedUnique(report.results.map((r) => r.analyte))) {
      const results = report.results.filter((r) => r.analyte === analyte);
      analytes.push({
        analyte,
        reportId: report.reportId,
        verified: report.verified,
        recognition: report.recognition,
        conforms: results.every((r) => r.conforms),
        speciationRequired: results.some((r) => r.speciationRequired),
      });
    }
    // Reports come oldest first, so a later conforming result replaces an earlier one.
    if (!report.verified) continue;
    for (const r of report.results) {
      if (r.conforms && r.valueUgPerG !== undefined)
        concentrations[elementKey(r.analyte, r.species)] = r.valueUgPerG;
    }
  }
  return {
    analytes,
    concentrations,
    reports,
    ids: {
      reports: sortedUnique(reports.map((r) => r.reportId)),
      runs: sortedUnique(reports.flatMap((r) => r.runs)),
      instruments: sortedUnique(reports.flatMap((r) => r.instruments)),
      calibrations: sortedUnique(reports.flatMap((r) => r.calibrations)),
    },
  };
}

/**
 * Why `reportId` does not lift a hold opened at `since` on `lotId`, or `undefined` when it does:
 * it must be a report on this very lot, VERIFIED after the hold was opened.
 */
export async function verifiedReportSince(
  ctx: AllianceContext,
  lotId: string,
  reportId: string,
  since: string,
): Promise<string | undefined> {
  const report = await labHooks().getReport(ctx, reportId);
  if (report === undefined) return `no report ${reportId}`;
  if (report.lotId !== lotId) return `report ${reportId} is about ${report.lotId}, not ${lotId}`;
  if (!report.verified || report.verifiedAt === undefined) return `report ${reportId} is not VERIFIED`;
  if (report.verifiedAt < since) return `report ${reportId} was verified before the hold was opened`;
  return undefined;
}
