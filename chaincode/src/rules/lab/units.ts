/**
 * Unit normalisation (rule 21): element results to µg/g (= mg/kg), vitamin results to the mg/g
 * or µg/g of `VITAMIN_UNITS`; unknown units, and IU where the conversion depends on a form the
 * result does not name, are refused.
 */
import { analyteKind, VITAMIN_UNITS } from './analytes';
import { refuse } from './violation';
import { ownEntry } from '../own-entry';

/** Mass fractions and their factor to µg/g. */
const MASS_FRACTION_TO_UG_PER_G: Readonly<Record<string, number>> = {
  'µg/g': 1,
  'ug/g': 1,
  'mg/kg': 1,
  ppm: 1,
  'ng/mg': 1,
  'ng/g': 0.001,
  'µg/kg': 0.001,
  'ug/kg': 0.001,
  ppb: 0.001,
  'mg/g': 1000,
  'g/kg': 1000,
  'µg/mg': 1000,
  'mg/100g': 10,
  'g/100g': 10_000,
  '%': 10_000,
};

/**
 * µg of the named form per IU (rule 27): vitamin D 1 IU = 0.025 µg (1 µg = 40 IU); vitamin E
 * 1 IU = 0.67 mg RRR-α-tocopherol = 1 mg all-rac-α-tocopheryl acetate = 0.74 mg RRR-α-tocopheryl acetate.
 */
const UG_PER_IU: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  VITAMIN_D: { D2: 0.025, D3: 0.025, total: 0.025 },
  VITAMIN_E: {
    'RRR-alpha-tocopherol': 670,
    'all-rac-alpha-tocopheryl acetate': 1000,
    'RRR-alpha-tocopheryl acetate': 740,
  },
};

/** A value expressed in the unit the ledger compares with limits. */
export interface NormalisedQuantity {
  factor: number;
  unit: 'µg/g' | 'mg/g';
}

/**
 * The factor that turns a quantity in `unit` into the canonical unit of the analyte, and that
 * unit. Refuses (UNKNOWN_UNIT) a unit it cannot convert, and an unknown analyte.
 */
export function canonicalUnit(analyte: string, species: string, unit: string): NormalisedQuantity {
  const kind = analyteKind(analyte);
  if (kind === undefined) {
    refuse('VALIDATION_FAILED', `unknown analyte ${analyte}`, 'analyte');
  }
  const target = kind === 'ELEMENT' ? 'µg/g' : (ownEntry(VITAMIN_UNITS, analyte) ?? 'µg/g');
  const toTarget = target === 'mg/g' ? 0.001 : 1;
  const massFactor = ownEntry(MASS_FRACTION_TO_UG_PER_G, unit);
  if (massFactor !== undefined) {
    return { factor: massFactor * toTarget, unit: target };
  }
  if (unit === 'IU/g') {
    const forms = ownEntry(UG_PER_IU, analyte);
    const perIu = forms === undefined ? undefined : ownEntry(forms, species);
    if (perIu !== undefined) {
      return { factor: perIu * toTarget, unit: target };
    }
    refuse('UNKNOWN_UNIT', `IU cannot be converted for ${analyte} (${species})`, 'unit');
  }
  refuse('UNKNOWN_UNIT', `unknown unit ${unit} for ${analyte}`, 'unit');
}

/** Converts a value to the analyte's canonical unit. */
export function normalise(
  analyte: string,
  species: string,
  value: number,
  unit: string,
): { value: number; unit: string } {
  const { factor, unit: target } = canonicalUnit(analyte, species, unit);
  return { value: roundSignificant(value * factor), unit: target };
}

/**
 * Rounds away binary noise (0.1 × 3 = 0.30000000000000004) at 12 significant digits, far below
 * any analytical precision, so a normalised value compares equal to its decimal meaning.
 */
export function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}
