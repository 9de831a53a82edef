/**
 * Mass units for quantities (UN/ECE Recommendation 20 codes, as EPCIS quantityList uses them) and
 * their conversion to kilograms for the mass balance of rule 32.
 */

/** Kilograms per one unit, for every mass unit a lot quantity may use. */
const KG_PER_UNIT: Readonly<Record<string, number>> = {
  KGM: 1,
  GRM: 1e-3,
  MGM: 1e-6,
  TNE: 1000,
  LBR: 0.45359237,
  ONZ: 0.028349523125,
};

/** The units a lot quantity may be given in. */
export const MASS_UNITS: readonly string[] = Object.keys(KG_PER_UNIT);

/**
 * Mass balance is kept to the microgram: rounding every converted quantity to 1e-9 kg keeps
 * sums such as 0.1 + 0.2 from leaving a floating-point crumb that would never reach zero.
 */
const KG_DECIMALS = 9;

/** Rounds a mass in kg to the precision the ledger keeps. */
export function roundKg(kg: number): number {
  return Number(kg.toFixed(KG_DECIMALS));
}

/** `quantity` in `uom` as kilograms, or `undefined` when `uom` is not a known mass unit. */
export function toKg(quantity: number, uom: string): number | undefined {
  const factor = KG_PER_UNIT[uom];
  return factor === undefined ? undefined : roundKg(quantity * factor);
}

/** Mass fraction per one unit of concentration (1 mg/kg = 1e-6), for the Horwitz function. */
const MASS_FRACTION_PER_UNIT: Readonly<Record<string, number>> = {
  'g/g': 1,
  '%': 1e-2,
  'g/100g': 1e-2,
  'mg/g': 1e-3,
  'mg/kg': 1e-6,
  'µg/g': 1e-6,
  'ug/g': 1e-6,
  'µg/kg': 1e-9,
  'ug/kg': 1e-9,
  'ng/g': 1e-9,
};

/** Concentration units the Horwitz-Thompson σ can be computed for. */
export const CONCENTRATION_UNITS: readonly string[] = Object.keys(MASS_FRACTION_PER_UNIT);

/** The mass fraction one `unit` stands for, or `undefined` for a unit that is not a mass fraction. */
export function massFractionPerUnit(unit: string): number | undefined {
  return MASS_FRACTION_PER_UNIT[unit];
}
