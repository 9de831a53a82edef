/**
 * Evaluation of a report's normalised results against the applicable limits (rules 22-25),
 * with the speciation triggers of USP <2232> and GB 2762:
 * - total As above the inorganic-As limit requires an inorganic-As result (total As at or below
 *   it meets the requirement without speciation);
 * - total Hg at or above the MeHg limit requires a MeHg result.
 * The decision rule applied is stored with every verdict.
 */
import { decide, type Conformity, type DecisionRule } from './decision';
import { strictestLimit, type Limit } from './limits';

/** A result in the canonical unit of its analyte. */
export interface NormalisedResult {
  analyte: string;
  species: string;
  value: number;
  U: number;
  loq?: number;
}

/**
 * The verdict on one result. NO_LIMIT: no applicable limit names this analyte;
 * SPECIATION_REQUIRED: a total screened against a species limit exceeded it.
 */
export interface ResultVerdict {
  analyte: string;
  species: string;
  outcome: Conformity | 'NO_LIMIT' | 'SPECIATION_REQUIRED';
  decisionRule: DecisionRule;
  limit?: number;
  limitSource?: string;
}

/** A speciation result the screening result calls for. */
export interface SpeciationRequirement {
  analyte: string;
  species: string;
  limit: number;
  reason: string;
  /** A result for the species is part of the same evaluation. */
  satisfied: boolean;
}

/** Overall outcome: any non-conformity wins, then open speciation, then inconclusive results. */
export type OverallOutcome = Conformity | 'SPECIATION_REQUIRED';

/** The whole evaluation of one set of results. */
export interface Evaluation {
  verdicts: ResultVerdict[];
  speciation: SpeciationRequirement[];
  overall: OverallOutcome;
}

/** Screening pairs: a total result screened against the limit of a species. */
const SCREENS = [
  { analyte: 'As', species: 'inorganic', strict: true },
  { analyte: 'Hg', species: 'MeHg', strict: false },
] as const;

/** Evaluates results against limits under a decision rule. */
export function evaluateResults(
  results: readonly NormalisedResult[],
  limits: readonly Limit[],
  rule: DecisionRule,
): Evaluation {
  const verdicts = results.map((r) => verdictFor(r, limits, rule));
  const speciation = speciationRequirements(results, limits);
  return { verdicts, speciation, overall: overallOf(verdicts, speciation) };
}

function verdictFor(result: NormalisedResult, limits: readonly Limit[], rule: DecisionRule): ResultVerdict {
  const base = { analyte: result.analyte, species: result.species, decisionRule: rule };
  const limit = strictestLimit(limits, result.analyte, result.species);
  if (limit !== undefined) {
    return {
      ...base,
      outcome: decide(rule, result, limit.value),
      limit: limit.value,
      limitSource: limit.source,
    };
  }
  const screen = SCREENS.find((s) => s.analyte === result.analyte);
  const speciesLimit =
    screen === undefined || result.species !== 'total'
      ? undefined
      : strictestLimit(limits, screen.analyte, screen.species);
  if (speciesLimit === undefined) {
    return { ...base, outcome: 'NO_LIMIT' };
  }
  // Screening: a total that conforms to the species limit shows compliance without speciation;
  // one above it is no non-conformity yet, it calls for the species result.
  const outcome = decide(rule, result, speciesLimit.value);
  return {
    ...base,
    outcome: outcome === 'NON_CONFORMS' ? 'SPECIATION_REQUIRED' : outcome,
    limit: speciesLimit.value,
    limitSource: speciesLimit.source,
  };
}

/** The speciation results the total results call for. */
export function speciationRequirements(
  results: readonly NormalisedResult[],
  limits: readonly Limit[],
): SpeciationRequirement[] {
  const required: SpeciationRequirement[] = [];
  for (const screen of SCREENS) {
    const limit = strictestLimit(limits, screen.analyte, screen.species);
    const total = results.find((r) => r.analyte === screen.analyte && r.species === 'total');
    if (limit === undefined || total === undefined) {
      continue;
    }
    const triggered = screen.strict ? total.value > limit.value : total.value >= limit.value;
    if (triggered) {
      required.push({
        analyte: screen.analyte,
        species: screen.species,
        limit: limit.value,
        reason: `total ${screen.analyte} ${total.value} µg/g ${screen.strict ? '>' : '≥'} ${screen.species} limit ${limit.value} µg/g`,
        satisfied: results.some((r) => r.analyte === screen.analyte && r.species === screen.species),
      });
    }
  }
  return required;
}

function overallOf(
  verdicts: readonly ResultVerdict[],
  speciation: readonly SpeciationRequirement[],
): OverallOutcome {
  if (verdicts.some((v) => v.outcome === 'NON_CONFORMS')) {
    return 'NON_CONFORMS';
  }
  if (speciation.some((s) => !s.satisfied)) {
    return 'SPECIATION_REQUIRED';
  }
  return verdicts.some((v) => v.outcome === 'INCONCLUSIVE') ? 'INCONCLUSIVE' : 'CONFORMS';
}
