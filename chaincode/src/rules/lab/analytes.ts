/**
 * The analytes a report may carry (rule 21): elements, whose results are normalised to µg/g,
 * and vitamins, normalised to mg/g or µg/g depending on their usual magnitude. Anything else is
 * refused, because a limit can only be applied to an analyte the ledger understands.
 */
import { ownEntry } from '../own-entry';

/** Elements of interest in supplements (symbols). */
export const ELEMENTS: readonly string[] = [
  'As', 'Cd', 'Pb', 'Hg', 'Cu', 'Cr', 'Ni', 'Sn', 'Sb', 'Se', 'Al', 'Zn', 'Fe', 'Mn', 'Ba', 'Tl', 'Co', 'V', 'Mo',
  'Li', 'Ag', 'Au', 'Pt', 'Pd', 'Ir', 'Os', 'Rh', 'Ru',
]; // prettier-ignore

/** Element species the alliance distinguishes (everything else is total). */
export const ELEMENT_SPECIES: Readonly<Record<string, readonly string[]>> = {
  As: ['total', 'inorganic', 'As(III)', 'As(V)', 'DMA', 'MMA', 'AsB'],
  Hg: ['total', 'MeHg', 'inorganic'],
};

/** Vitamins and the unit their results are normalised to. */
export const VITAMIN_UNITS: Readonly<Record<string, 'mg/g' | 'µg/g'>> = {
  VITAMIN_A: 'µg/g',
  VITAMIN_B1: 'mg/g',
  VITAMIN_B2: 'mg/g',
  VITAMIN_B6: 'mg/g',
  VITAMIN_B12: 'µg/g',
  VITAMIN_C: 'mg/g',
  VITAMIN_D: 'µg/g',
  VITAMIN_E: 'mg/g',
  VITAMIN_K1: 'µg/g',
  VITAMIN_K2: 'µg/g',
  FOLATE: 'µg/g',
  NIACIN: 'mg/g',
  BIOTIN: 'µg/g',
  PANTOTHENIC_ACID: 'mg/g',
};

/** Species (forms, isomers) the alliance distinguishes per vitamin; 'total' is always allowed. */
export const VITAMIN_SPECIES: Readonly<Record<string, readonly string[]>> = {
  VITAMIN_D: ['D2', 'D3'],
  VITAMIN_E: [
    'RRR-alpha-tocopherol',
    'all-rac-alpha-tocopherol',
    '2S-alpha-tocopherol',
    'RRR-alpha-tocopheryl acetate',
    'all-rac-alpha-tocopheryl acetate',
  ],
  VITAMIN_K1: ['trans', 'cis', 'trans-epoxide'],
  VITAMIN_K2: ['MK-7', 'MK-7 cis'],
  FOLATE: ['folic acid', 'L-5-MTHF', 'food folate'],
};

/** What kind of analyte this is, or undefined when the ledger does not know it. */
export function analyteKind(analyte: string): 'ELEMENT' | 'VITAMIN' | undefined {
  if (ELEMENTS.includes(analyte)) {
    return 'ELEMENT';
  }
  return ownEntry(VITAMIN_UNITS, analyte) === undefined ? undefined : 'VITAMIN';
}

/** True when the species is one the ledger knows for this analyte. */
export function isKnownSpecies(analyte: string, species: string): boolean {
  if (species === 'total') {
    return true;
  }
  const known = ownEntry(ELEMENT_SPECIES, analyte) ?? ownEntry(VITAMIN_SPECIES, analyte) ?? [];
  return known.includes(species);
}

/**
 * Speciation and isomer analytes (rule 20): recognition of their results needs comparative
 * verification when the policy says so.
 */
export function isSpeciationAnalyte(analyte: string, species: string): boolean {
  if (analyte === 'As' || analyte === 'Hg') {
    return species !== 'total';
  }
  return ['VITAMIN_E', 'VITAMIN_K1', 'FOLATE'].includes(analyte) && species !== 'total';
}
