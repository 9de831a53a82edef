/**
 * Label-form checks on vitamin results (rule 27). They FLAG, never refuse:
 * - vitamin E claimed natural (RRR): any 2S-α-tocopherol stereoisomer above its LOQ;
 * - vitamin K1 declared Ph. Eur. grade: trans (E) ≥ 75.0 % of total and trans-epoxide ≤ 4.0 %;
 *   isomer results from a method that does not resolve E/Z;
 * - vitamin D: D2 and D3 not reported separately;
 * - folate: form not declared.
 * Fixed conversions: vitamin D 1 µg = 40 IU; DFE = µg food folate + 1.7 × µg folic acid.
 */

/** What the tested product's label declares about vitamin forms. */
export interface LabelClaims {
  vitaminE?: 'NATURAL_RRR' | 'SYNTHETIC_ALL_RAC';
  vitaminK1PhEurGrade?: boolean;
  folateForm?: 'folic acid' | 'L-5-MTHF';
}

/** A vitamin result in its canonical unit. */
export interface VitaminResult {
  analyte: string;
  species: string;
  value: number;
  loq?: number;
}

/** One label-form flag. */
export interface LabelFlag {
  code:
    | 'VITAMIN_E_NOT_NATURAL'
    | 'VITAMIN_K1_TRANS_LOW'
    | 'VITAMIN_K1_EPOXIDE_HIGH'
    | 'VITAMIN_K1_METHOD_COELUTES'
    | 'VITAMIN_D_NOT_SPECIATED'
    | 'FOLATE_FORM_NOT_DECLARED';
  message: string;
}

/** IU per µg of vitamin D (D2 or D3). */
export const VITAMIN_D_IU_PER_UG = 40;

/** Dietary folate equivalents, µg DFE. */
export function dietaryFolateEquivalents(foodFolateUg: number, folicAcidUg: number): number {
  return foodFolateUg + 1.7 * folicAcidUg;
}

const of = (results: readonly VitaminResult[], analyte: string, species: string): VitaminResult | undefined =>
  results.find((r) => r.analyte === analyte && r.species === species);

/** Every label-form flag the results raise. */
export function labelFormFlags(
  results: readonly VitaminResult[],
  claims: LabelClaims,
  methodResolvesIsomers: boolean,
): LabelFlag[] {
  const flags: LabelFlag[] = [];
  const twoS = of(results, 'VITAMIN_E', '2S-alpha-tocopherol');
  if (claims.vitaminE === 'NATURAL_RRR' && twoS !== undefined && twoS.value > (twoS.loq ?? 0)) {
    flags.push({
      code: 'VITAMIN_E_NOT_NATURAL',
      message: '2S-α-tocopherol found in a product labelled natural (RRR)',
    });
  }
  flags.push(...vitaminK1Flags(results, claims, methodResolvesIsomers));
  const vitaminD = results.filter((r) => r.analyte === 'VITAMIN_D');
  if (vitaminD.length > 0 && !vitaminD.some((r) => r.species === 'D2' || r.species === 'D3')) {
    flags.push({
      code: 'VITAMIN_D_NOT_SPECIATED',
      message: 'vitamin D must be reported as D2 and D3 separately',
    });
  }
  if (results.some((r) => r.analyte === 'FOLATE') && claims.folateForm === undefined) {
    flags.push({
      code: 'FOLATE_FORM_NOT_DECLARED',
      message: 'the folate form (folic acid or L-5-MTHF) is not declared',
    });
  }
  return flags;
}

function vitaminK1Flags(
  results: readonly VitaminResult[],
  claims: LabelClaims,
  resolves: boolean,
): LabelFlag[] {
  const flags: LabelFlag[] = [];
  const trans = of(results, 'VITAMIN_K1', 'trans');
  const cis = of(results, 'VITAMIN_K1', 'cis');
  const epoxide = of(results, 'VITAMIN_K1', 'trans-epoxide');
  if ((trans !== undefined || cis !== undefined) && !resolves) {
    flags.push({
      code: 'VITAMIN_K1_METHOD_COELUTES',
      message: 'K1 isomer results from a method that co-elutes E and Z',
    });
  }
  if (claims.vitaminK1PhEurGrade !== true || trans === undefined) {
    return flags;
  }
  const total = trans.value + (cis?.value ?? 0) + (epoxide?.value ?? 0);
  if (total > 0 && (trans.value / total) * 100 < 75) {
    flags.push({ code: 'VITAMIN_K1_TRANS_LOW', message: 'trans-phytomenadione is below 75.0 % of total' });
  }
  if (epoxide !== undefined && total > 0 && (epoxide.value / total) * 100 > 4) {
    flags.push({
      code: 'VITAMIN_K1_EPOXIDE_HIGH',
      message: 'trans-epoxyphytomenadione is above 4.0 % of total',
    });
  }
  return flags;
}
