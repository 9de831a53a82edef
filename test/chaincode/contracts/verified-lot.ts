/**
 * Lots with VERIFIED reports, for the tests of what rests on lab evidence (release, verdicts,
 * hold lifting, the exposure check, verification consequences, the whole alliance path).
 *
 * LabMSP is accredited (UKAS, an ILAC-MRA signatory) for Pb, Cd, As and Hg in botanical material
 * by M-ICPMS v1, PT-current for the analytes asked for, holds a GBW CRM (T1) and a qualified
 * ICP-MS. Each report is run, issued and signed on a day of its own, after the harness clock, so
 * reports can follow lots registered at any time.
 */
import type { ReportRecord } from '@alliance/chaincode/model/lab/report';
import type { AllianceUsers, LedgerHarness } from '../support';
import { calibratedRun, crm, HASH, qualifiedInstrument } from './lab/fixtures';

/** The lab's ICP-MS. */
export const LAB_INSTRUMENT = 'ICP-LAB';
/** The lab's GBW CRM, behind every calibration. */
export const LAB_CRM = 'CRM-GBW';

/** The method validation record of M-ICPMS v1 (USP <233> criteria met) for the four elements. */
const METHOD = {
  methodId: 'M-ICPMS', version: '1', kind: 'ELEMENTAL', analytes: ['Pb', 'Cd', 'As', 'Hg'], repeatabilityRsdPct: 5,
  intermediatePrecisionRsdPct: 8, recovery: [50, 100, 150].map((levelPctOfJ) => ({ levelPctOfJ, meanRecoveryPct: 98 })),
  reportSha256: HASH,
}; // prettier-ignore

/** One structured result as a report states it. */
export interface ResultInput {
  analyte: string;
  species?: string;
  value: number;
  unit: string;
  U: number;
}

/** Pb 0.2 µg/g and Cd 0.1 µg/g: inside every limit. */
export const CLEAN_RESULTS: readonly ResultInput[] = [
  { analyte: 'Pb', value: 200, unit: 'µg/kg', U: 40 },
  { analyte: 'Cd', value: 0.1, unit: 'mg/kg', U: 0.02 },
];

/**
 * Every element of the USP <2232> PDE table (µg/g): Pb 0.2, Cd 0.1, inorganic As 0.3, total Hg
 * 0.05, MeHg 0.01. The speciation results make the recognition conditional (rule 20).
 */
export const USP_ELEMENT_RESULTS: readonly ResultInput[] = [
  ...CLEAN_RESULTS,
  { analyte: 'As', species: 'inorganic', value: 0.3, unit: 'mg/kg', U: 0.06 },
  { analyte: 'Hg', value: 0.05, unit: 'mg/kg', U: 0.01 },
  { analyte: 'Hg', species: 'MeHg', value: 0.01, unit: 'mg/kg', U: 0.002 },
];

/** The UTC calendar day after `t`, as YYYY-MM-DD. */
function dayAfter(t: Date): string {
  return new Date(t.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Sets LabMSP up: accreditation, PT results (z = 0.8) for `ptAnalytes`, the CRM, the method
 * validation, and the instrument qualified on the day after the clock.
 */
export async function accreditedLab(
  h: LedgerHarness,
  users: AllianceUsers,
  ptAnalytes: readonly string[] = ['Pb', 'Cd'],
): Promise<void> {
  await h.ok(users.registrar, 'members:RecordAccreditation', {
    labMspId: 'LabMSP', body: 'UKAS', certificateNumber: '4321', ilacMraSignatory: true, validFrom: '2024-01-01',
    validTo: '2028-12-31', scope: ['Pb', 'Cd', 'As', 'Hg'].map((analyte) => ({ analyte, matrix: 'botanical', methodId: 'M-ICPMS', methodVersion: '1' })),
  }); // prettier-ignore
  for (const analyte of ptAnalytes) {
    await h.ok(users.registrar, 'members:RecordProficiencyTest', {
      labMspId: 'LabMSP', scheme: 'FAPAS-07', round: `R-${analyte}`, analyte, matrix: 'botanical', scoreType: 'z', score: 0.8, date: '2024-10-01',
    }); // prettier-ignore
  }
  await h.ok(users.labAdmin, 'calibrations:RegisterCrm', crm(LAB_CRM));
  await h.ok(users.labAdmin, 'reports:RecordMethodValidation', METHOD);
  await qualifiedInstrument(h, users, LAB_INSTRUMENT, dayAfter(h.time));
}

/** Submits, signs (analyst), reviews (reviewer) and approves (approver) a draft report. */
export async function signedThrough(
  h: LedgerHarness,
  users: AllianceUsers,
  reportId: string,
): Promise<ReportRecord> {
  await h.ok(users.labAnalyst, 'reports:SubmitReport', { reportId });
  await h.ok(users.labAnalyst, 'reports:SignReport', { reportId });
  await h.ok(users.labReviewer, 'reports:ReviewReport', { reportId });
  return h.ok<ReportRecord>(users.labApprover, 'reports:ApproveReport', { reportId });
}

/** What a report is about. */
export interface ReportSubject {
  reportId: string;
  lotId: string;
  productId: string;
  /** The ingredient (GTIN) the lot is, absent for a finished batch. */
  material?: string;
  results?: readonly ResultInput[];
}

/** CreateReport input for `s`, tested on `day` by run `runId`. */
export function reportInput(s: ReportSubject, runId: string, day: string): Record<string, unknown> {
  return {
    reportId: s.reportId, title: 'Elemental contaminants', customer: 'Brand', lotId: s.lotId, productId: s.productId,
    ...(s.material === undefined ? {} : { material: s.material }), matrix: 'botanical', sampledAt: `${day}T09:00:00Z`,
    receivedAt: `${day}T10:00:00Z`, issuedAt: `${day}T16:00:00Z`, method: { methodId: 'M-ICPMS', version: '1', pharmacopoeialRef: 'USP <233>' },
    conformityStatement: true,
    results: (s.results ?? CLEAN_RESULTS).map((r) => ({ species: 'total', ...r, k: 2, loq: 0.005, basis: 'AS_IS', testRunIds: [runId] })),
  }; // prettier-ignore
}

/**
 * Tests `s.lotId` on the day after the clock (run `RUN-<reportId>`, calibrated with the GBW CRM)
 * and takes its report through every signature. Fails unless the report reaches VERIFIED.
 */
export async function verifiedReport(
  h: LedgerHarness,
  users: AllianceUsers,
  s: ReportSubject,
): Promise<ReportRecord> {
  const day = dayAfter(h.time);
  const runId = `RUN-${s.reportId}`;
  await calibratedRun(h, users, { instrumentId: LAB_INSTRUMENT, crmId: LAB_CRM, runId }, day, s.lotId);
  h.setTime(`${day}T16:00:00Z`);
  await h.ok(users.labAnalyst, 'reports:CreateReport', reportInput(s, runId, day));
  const report = await signedThrough(h, users, s.reportId);
  if (report.state !== 'VERIFIED')
    throw new Error(`report ${s.reportId} is ${report.state}: ${report.verification?.failures.join('; ')}`);
  return report;
}
