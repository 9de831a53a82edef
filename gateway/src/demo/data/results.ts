/**
 * What the labs measured on the vitamin E concentrate. The overseas lab's results (mg/kg for the
 * elements, mg/g for tocopherol) are far inside the USP <2232> limits for a 0.4 g daily share
 * (Pb and Cd 12.5 µg/g, inorganic As and Hg 37.5 µg/g, MeHg 5 µg/g). The verifier's replicates
 * differ as two competent labs do: enough for a HorRat inside 0.5–2.0, well within the critical
 * difference, so every z′ stays below 2.
 */
import type { DemoIds } from '../ids';
import { MATERIAL_GTIN, MATRIX, METHOD_METALS, METHOD_TOCOPHEROL } from './alliance';

const metal = (analyte: string, species: string, value: number, U: number, loq: number, runId: string) => ({
  analyte, species, value, unit: 'mg/kg', U, k: 2, loq, basis: 'AS_IS' as const, testRunIds: [runId],
}); // prettier-ignore

/** Dates and parties every report on the lot shares. */
export interface ReportDates {
  readonly sampledAt: string;
  readonly receivedAt: string;
  readonly issuedAt: string;
}

function reportHead(ids: DemoIds, lotId: string, dates: ReportDates) {
  return {
    customer: 'BrandMSP (brand owner)',
    lotId,
    productId: ids.productId,
    material: MATERIAL_GTIN,
    matrix: MATRIX,
    ...dates,
    conformityStatement: true,
  };
}

/** The elemental report: Pb, Cd, total and inorganic As, total Hg and MeHg (speciation by HPLC-ICP-MS). */
export function metalsReport(ids: DemoIds, lotId: string, dates: ReportDates, rawDataSha256: string) {
  const run = ids.runMetals;
  return {
    reportId: ids.reportMetals,
    title: 'Elemental contaminants (USP <2232>) in natural vitamin E concentrate',
    ...reportHead(ids, lotId, dates),
    method: {
      methodId: METHOD_METALS.methodId,
      version: METHOD_METALS.version,
      pharmacopoeialRef: 'USP <233>',
    },
    results: [
      metal('Pb', 'total', 0.051, 0.008, 0.005, run),
      metal('Cd', 'total', 0.012, 0.002, 0.002, run),
      metal('As', 'total', 0.024, 0.004, 0.005, run),
      metal('As', 'inorganic', 0.02, 0.004, 0.005, run),
      metal('Hg', 'total', 0.006, 0.0012, 0.001, run),
      metal('Hg', 'MeHg', 0.0011, 0.0003, 0.0005, run),
    ],
    attachments: [{ name: `${run}.csv`, sha256: rawDataSha256 }],
  };
}

/** The tocopherol report: RRR-α-tocopherol, and 2S stereoisomers not found above the LOQ (label claim: natural). */
export function tocopherolReport(ids: DemoIds, lotId: string, dates: ReportDates, rawDataSha256: string) {
  const testRunIds = [ids.runTocopherol];
  return {
    reportId: ids.reportTocopherol,
    title: 'α-Tocopherol stereoisomers (natural-source claim) in vitamin E concentrate',
    ...reportHead(ids, lotId, dates),
    method: {
      methodId: METHOD_TOCOPHEROL.methodId,
      version: METHOD_TOCOPHEROL.version,
      pharmacopoeialRef: 'chiral HPLC-MS/MS',
    },
    results: [
      {
        analyte: 'VITAMIN_E',
        species: 'RRR-alpha-tocopherol',
        value: 671,
        unit: 'mg/g',
        U: 14,
        k: 2,
        loq: 0.5,
        basis: 'AS_IS' as const,
        testRunIds,
      },
      {
        analyte: 'VITAMIN_E',
        species: '2S-alpha-tocopherol',
        value: 0.5,
        unit: 'mg/g',
        U: 0.1,
        k: 2,
        loq: 0.5,
        basis: 'AS_IS' as const,
        testRunIds,
      },
    ],
    labelClaims: { vitaminE: 'NATURAL_RRR' as const },
    attachments: [{ name: `${ids.runTocopherol}.csv`, sha256: rawDataSha256 }],
  };
}

/** Replicates each lab reveals (same unit as the protocol), with the expanded uncertainty of the mean. */
export const VERIFICATION_RESULTS = {
  LabMSP: [
    { analyte: 'Pb', values: [0.052, 0.049, 0.051], expandedUncertainty: 0.008, coverageFactor: 2 },
    { analyte: 'Cd', values: [0.012, 0.011, 0.012], expandedUncertainty: 0.002, coverageFactor: 2 },
    { analyte: 'As', values: [0.021, 0.019, 0.02], expandedUncertainty: 0.004, coverageFactor: 2 },
    { analyte: 'Hg', values: [0.0062, 0.0058, 0.006], expandedUncertainty: 0.0012, coverageFactor: 2 },
    { analyte: 'VITAMIN_E', values: [674, 669, 671], expandedUncertainty: 14, coverageFactor: 2 },
  ],
  VerifierMSP: [
    { analyte: 'Pb', values: [0.042, 0.04, 0.041], expandedUncertainty: 0.007, coverageFactor: 2 },
    { analyte: 'Cd', values: [0.0094, 0.0092, 0.0096], expandedUncertainty: 0.0016, coverageFactor: 2 },
    { analyte: 'As', values: [0.016, 0.0165, 0.0162], expandedUncertainty: 0.0035, coverageFactor: 2 },
    { analyte: 'Hg', values: [0.0051, 0.0049, 0.005], expandedUncertainty: 0.001, coverageFactor: 2 },
    { analyte: 'VITAMIN_E', values: [662, 660, 664], expandedUncertainty: 13, coverageFactor: 2 },
  ],
};

/** The frozen protocol: the overseas lab against the CNAS verifier as reference lab, z scores on Horwitz σ_pt. */
export function verificationProtocol(ids: DemoIds, lotId: string) {
  const plan = (analyte: string, unit: 'mg/kg' | 'mg/g', level: number, method: { id: string; version: string; reference: string }) => ({
    analyte, matrix: MATRIX, unit, levels: [level], method, assignedValueSource: 'REFERENCE_LAB' as const, referenceLab: 'VerifierMSP',
    sigmaRule: 'HORWITZ_THOMPSON' as const, scoreType: 'z' as const,
  }); // prettier-ignore
  const icp = {
    id: METHOD_METALS.methodId,
    version: METHOD_METALS.version,
    reference: 'USP <233>; GB 5009.268-2016 at the verifier',
  };
  const chiral = {
    id: METHOD_TOCOPHEROL.methodId,
    version: METHOD_TOCOPHEROL.version,
    reference: 'chiral HPLC-MS/MS; GB 5009.82-2016 at the verifier',
  };
  return {
    caseId: ids.caseId,
    protocol: {
      title: `Comparative verification of lot ${lotId}: overseas lab vs CNAS verifier`,
      labs: [
        { mspId: 'LabMSP', role: 'SENDING' as const },
        { mspId: 'VerifierMSP', role: 'REFERENCE' as const },
      ],
      analytes: [
        plan('Pb', 'mg/kg', 0.05, icp),
        plan('Cd', 'mg/kg', 0.01, icp),
        plan('As', 'mg/kg', 0.02, icp),
        plan('Hg', 'mg/kg', 0.006, icp),
        plan('VITAMIN_E', 'mg/g', 670, chiral),
      ],
      instruments: [
        { lab: 'LabMSP', instrumentId: ids.icpMs },
        { lab: 'LabMSP', instrumentId: ids.lcMsMs },
        { lab: 'VerifierMSP', instrumentId: 'VER-ICPMS-01' },
        { lab: 'VerifierMSP', instrumentId: 'VER-LCMSMS-02' },
      ],
      testItems: [
        { lotId, homogeneityEvidence: `HOM-${ids.suffix}`, stabilityEvidence: `STAB-${ids.suffix}` },
      ],
      replicates: 3,
      acceptanceCriteria: '|z| (or |z′|) ≤ 2 per analyte, HorRat 0.5–2.0, mean difference ≤ CD (ISO 5725-6)',
    },
  };
}
