/**
 * The limits a result is compared with (rules 22, 24), all in µg/g (= mg/kg):
 * - USP <2232>: limit = PDE (µg/day) ÷ maximum daily serving (g/day), per product, no default;
 * - China: the product's mapped GB 2762-2022 category limits, else the GB 16740-2014 fallback;
 * - ChP botanical guidance for TCM-type raw materials when the policy applies it.
 * Where several limits apply to one analyte, the strictest decides.
 */
import { roundSignificant } from './units';
import { refuse } from './violation';

/** A limit on one analyte/species, with where it comes from. */
export interface Limit {
  analyte: string;
  species: string;
  /** µg/g */
  value: number;
  source: string;
  /** The value still needs checking against the controlled copy (domain.md open item 3). */
  provisional?: boolean;
}

/** China health-food types of the GB 16740 contaminant table. */
export type HealthFoodType = 'SOLID' | 'LIQUID' | 'TEA_BAG' | 'INFANT';

/** What the product record and the policy say about the limits for one tested item. */
export interface LimitContext {
  regime: 'USP' | 'CHINA';
  /** Grams of the tested material in the maximum daily serving (USP). */
  maxDailyServing_g?: number;
  healthFoodType?: HealthFoodType;
  /** The mapped GB 2762 category's limits, from the product record (µg/g). */
  gb2762Limits?: readonly Omit<Limit, 'source'>[];
  botanical?: boolean;
  applyChPBotanicalLimits: boolean;
}

/** USP <2232> Table 1 permitted daily exposures, µg/day (official from 1 June 2023). */
export const USP_2232_PDE: readonly { analyte: string; species: string; pde: number }[] = [
  { analyte: 'As', species: 'inorganic', pde: 15 },
  { analyte: 'Cd', species: 'total', pde: 5 },
  { analyte: 'Pb', species: 'total', pde: 5 },
  { analyte: 'Hg', species: 'total', pde: 15 },
  { analyte: 'Hg', species: 'MeHg', pde: 2 },
];

/** GB 16740-2014 fallback table (mg/kg = µg/g). Only the Hg values are confirmed (open item 3). */
const GB_16740: Readonly<Record<HealthFoodType, readonly Omit<Limit, 'source'>[]>> = {
  SOLID: [
    { analyte: 'Hg', species: 'total', value: 0.3 },
    { analyte: 'Pb', species: 'total', value: 2.0, provisional: true },
    { analyte: 'As', species: 'total', value: 1.0, provisional: true },
  ],
  TEA_BAG: [{ analyte: 'Hg', species: 'total', value: 0.3 }],
  LIQUID: [
    { analyte: 'Pb', species: 'total', value: 0.5, provisional: true },
    { analyte: 'As', species: 'total', value: 0.3, provisional: true },
  ],
  INFANT: [{ analyte: 'Hg', species: 'total', value: 0.02 }],
};

/** ChP 2020 guidance values for plant TCM materials (mg/kg), open item 6: guidance, not mandatory. */
const CHP_BOTANICAL: readonly Omit<Limit, 'source'>[] = [
  { analyte: 'Pb', species: 'total', value: 5 },
  { analyte: 'Cd', species: 'total', value: 1 },
  { analyte: 'As', species: 'total', value: 2 },
  { analyte: 'Hg', species: 'total', value: 0.2 },
  { analyte: 'Cu', species: 'total', value: 20 },
];

/** USP <2232> concentration limit C_max = PDE ÷ maximum daily serving, µg/g. */
export function uspConcentrationLimit(pdeUgPerDay: number, maxDailyServingG: number): number {
  if (!(maxDailyServingG > 0)) {
    refuse(
      'VALIDATION_FAILED',
      'maximum daily serving must be a positive number of grams',
      'maxDailyServing_g',
    );
  }
  return roundSignificant(pdeUgPerDay / maxDailyServingG);
}

/** Every limit that applies to the tested item. */
export function applicableLimits(context: LimitContext): Limit[] {
  const limits: Limit[] = [];
  if (context.regime === 'USP') {
    const serving = context.maxDailyServing_g;
    if (serving === undefined) {
      refuse('VALIDATION_FAILED', 'USP limits need the product maximum daily serving', 'maxDailyServing_g');
    }
    for (const { analyte, species, pde } of USP_2232_PDE) {
      limits.push({
        analyte,
        species,
        value: uspConcentrationLimit(pde, serving),
        source: `USP <2232> PDE ${pde} µg/day`,
      });
    }
  } else if (context.gb2762Limits !== undefined && context.gb2762Limits.length > 0) {
    limits.push(...context.gb2762Limits.map((l) => ({ ...l, source: 'GB 2762-2022' })));
  } else if (context.healthFoodType !== undefined) {
    limits.push(...GB_16740[context.healthFoodType].map((l) => ({ ...l, source: 'GB 16740-2014' })));
  }
  if (context.botanical === true && context.applyChPBotanicalLimits) {
    limits.push(...CHP_BOTANICAL.map((l) => ({ ...l, source: 'ChP 2020 botanical guidance' })));
  }
  return limits;
}

/** The strictest limit on this analyte and species, if any applies. */
export function strictestLimit(
  limits: readonly Limit[],
  analyte: string,
  species: string,
): Limit | undefined {
  return limits
    .filter((l) => l.analyte === analyte && l.species === species)
    .reduce<Limit | undefined>(
      (best, l) => (best === undefined || l.value < best.value ? l : best),
      undefined,
    );
}
