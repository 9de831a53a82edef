/**
 * The alliance facts the story rests on: the overseas lab's accreditation (an ILAC-MRA signatory
 * body) and the verifier's (CNAS), their proficiency-test results, and the brand's product — a
 * natural vitamin E softgel sold on the US market, so USP <2232> limits apply.
 */
import type { DemoIds } from '../ids';
import type { Timeline } from '../timeline';

/** Raw material: natural vitamin E (RRR-α-tocopherol) concentrate, 1000 IU/g (GTIN-14). */
export const MATERIAL_GTIN = '09506000134352';
/** The finished softgel's GTIN-14. */
export const SOFTGEL_GTIN = '09506000990019';
/** The supplier's site and the brand's plant (GLNs). */
export const SUPPLIER_GLN = '9506000130019';
export const PLANT_GLN = '9506000130026';

/** The matrix the labs' scopes and PTs name. */
export const MATRIX = 'vegetable-oil-concentrate';
/** Analytical methods (id and version) of the overseas lab. */
export const METHOD_METALS = { methodId: 'LAB-ICPMS-2232', version: '3' } as const;
export const METHOD_TOCOPHEROL = { methodId: 'LAB-LCMSMS-VE', version: '2' } as const;

/** Elements and vitamins the product specification requires for the raw material. */
export const REQUIRED_ANALYTES = ['As', 'Cd', 'Hg', 'Pb', 'VITAMIN_E'];

/** The overseas lab's accreditation (DAkkS is an ILAC-MRA signatory for testing). */
export function labAccreditation(t: Timeline) {
  const scope = [
    ...['Pb', 'Cd', 'As', 'Hg'].map((analyte) => ({
      analyte,
      matrix: MATRIX,
      methodId: METHOD_METALS.methodId,
      methodVersion: METHOD_METALS.version,
    })),
    {
      analyte: 'VITAMIN_E',
      matrix: MATRIX,
      methodId: METHOD_TOCOPHEROL.methodId,
      methodVersion: METHOD_TOCOPHEROL.version,
    },
  ];
  return {
    labMspId: 'LabMSP',
    body: 'DAkkS',
    certificateNumber: 'D-PL-20417-01-00',
    ilacMraSignatory: true,
    validFrom: '2023-05-15',
    validTo: `${String(Number(t.date(0).slice(0, 4)) + 3)}-05-14`,
    scope,
  };
}

/** The domestic verifier's accreditation (CNAS, ISO/IEC 17025). */
export function verifierAccreditation(t: Timeline) {
  const scope = ['Pb', 'Cd', 'As', 'Hg', 'VITAMIN_E'].map((analyte) => ({
    analyte,
    matrix: MATRIX,
    methodId: analyte === 'VITAMIN_E' ? 'CNAS-VE-GB5009.82' : 'CNAS-ICPMS-GB5009.268',
    methodVersion: '2016',
  }));
  return {
    labMspId: 'VerifierMSP',
    body: 'CNAS',
    certificateNumber: 'CNAS-L8125',
    ilacMraSignatory: true,
    validFrom: '2022-09-01',
    validTo: `${String(Number(t.date(0).slice(0, 4)) + 2)}-08-31`,
    scope,
  };
}

/** Satisfactory proficiency tests of the overseas lab within the last three years (|z| ≤ 2). */
export function labProficiencyTests(t: Timeline) {
  const year = Number(t.date(0).slice(0, 4)) - 1;
  return [
    { analyte: 'Pb', round: `FAPAS-07412-${year}`, score: 0.4 },
    { analyte: 'Cd', round: `FAPAS-07412-${year}`, score: -0.7 },
    { analyte: 'As', round: `FAPAS-07412-${year}`, score: 1.1 },
    { analyte: 'Hg', round: `FAPAS-07412-${year}`, score: 0.2 },
    { analyte: 'VITAMIN_E', round: `FAPAS-21145-${year}`, score: -0.9 },
  ].map((p) => ({
    labMspId: 'LabMSP',
    scheme: 'FAPAS',
    round: p.round,
    analyte: p.analyte,
    matrix: MATRIX,
    scoreType: 'z' as const,
    score: p.score,
    date: `${year}-10-02`,
    provider: 'Fera Science Ltd (FAPAS)',
  }));
}

/**
 * The brand's product: one 0.6 g softgel a day holding 0.4 g of the concentrate (400 IU). USP
 * <2232> limits for the concentrate follow from its 0.4 g share: Pb 5 µg/day ÷ 0.4 g = 12.5 µg/g.
 */
export function product(ids: DemoIds) {
  return {
    productId: ids.productId,
    name: 'Natural Vitamin E 400 IU softgels',
    maxDailyServingG: 0.6,
    formula: [{ material: MATERIAL_GTIN, gramsPerServing: 0.4 }],
    requiredAnalytes: [{ material: MATERIAL_GTIN, analytes: REQUIRED_ANALYTES }],
    limitRegime: 'USP' as const,
    foodCategory: 'dietary supplement softgel',
  };
}
