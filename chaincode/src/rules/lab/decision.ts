/**
 * Decision rules (rule 25; ISO/IEC 17025 §7.8.6, Eurachem/CITAC 2021):
 * - SIMPLE_ACCEPTANCE: conforms when value ≤ limit;
 * - GUARDED_ACCEPTANCE: conforms only when value + U ≤ limit; value ≤ limit < value + U is
 *   INCONCLUSIVE and needs additional verification.
 * A result reported below its LOQ conforms when the LOQ is at or below the limit, and is
 * INCONCLUSIVE otherwise: the method cannot show compliance.
 */
import type { DecisionRule } from '../../model/policy';
import { roundSignificant } from './units';

export type { DecisionRule };

/** The outcome of comparing one result with one limit. */
export type Conformity = 'CONFORMS' | 'NON_CONFORMS' | 'INCONCLUSIVE';

/** The numbers a decision needs, all in the same unit. */
export interface Measured {
  value: number;
  /** Expanded uncertainty. */
  U: number;
  loq?: number;
}

/** Applies a decision rule to one result and one limit. */
export function decide(rule: DecisionRule, result: Measured, limit: number): Conformity {
  if (result.loq !== undefined && result.value < result.loq) {
    return result.loq <= limit ? 'CONFORMS' : 'INCONCLUSIVE';
  }
  if (result.value > limit) {
    return 'NON_CONFORMS';
  }
  if (rule === 'SIMPLE_ACCEPTANCE') {
    return 'CONFORMS';
  }
  return roundSignificant(result.value + result.U) <= limit ? 'CONFORMS' : 'INCONCLUSIVE';
}
