/**
 * Proficiency-test currency (rule 16). A PT outcome is satisfactory at |z|, |z′|, |ζ| ≤ 2 or
 * |En| ≤ 1; unsatisfactory at |z| ≥ 3 or |En| > 1; in between it is questionable. A sub-field is
 * PT_CURRENT with a satisfactory PT within the currency window, PT_ACTION_REQUIRED while its
 * latest decisive PT is unsatisfactory, and PT_NOT_CURRENT otherwise.
 */
import { addMonths, instantMs } from './time';

/** Score types of ISO 13528. */
export type PtScoreType = 'z' | "z'" | 'zeta' | 'En';

/** One PT outcome for the sub-field in question. */
export interface PtOutcome {
  evaluatedAt: string;
  scoreType: PtScoreType;
  score: number;
}

/** How one PT score is classed. */
export type PtClass = 'SATISFACTORY' | 'QUESTIONABLE' | 'UNSATISFACTORY';

/** The PT state of a lab's sub-field. */
export type PtStatus = 'PT_CURRENT' | 'PT_ACTION_REQUIRED' | 'PT_NOT_CURRENT';

/** Classes one score. */
export function classifyPt(scoreType: PtScoreType, score: number): PtClass {
  const size = Math.abs(score);
  if (scoreType === 'En') {
    return size <= 1 ? 'SATISFACTORY' : 'UNSATISFACTORY';
  }
  if (size <= 2) {
    return 'SATISFACTORY';
  }
  return size >= 3 ? 'UNSATISFACTORY' : 'QUESTIONABLE';
}

/** The sub-field's PT state at `at`, looking only at outcomes evaluated by then. */
export function ptCurrency(outcomes: readonly PtOutcome[], at: string, currencyMonths: number): PtStatus {
  const now = instantMs(at);
  const known = outcomes
    .filter((o) => instantMs(o.evaluatedAt) <= now)
    .map((o) => ({ at: instantMs(o.evaluatedAt), cls: classifyPt(o.scoreType, o.score) }))
    .filter((o) => o.cls !== 'QUESTIONABLE')
    .sort((a, b) => a.at - b.at);
  const latest = known[known.length - 1];
  if (latest === undefined) {
    return 'PT_NOT_CURRENT';
  }
  if (latest.cls === 'UNSATISFACTORY') {
    return 'PT_ACTION_REQUIRED';
  }
  const windowStart = instantMs(addMonths(at, -currencyMonths));
  return latest.at >= windowStart ? 'PT_CURRENT' : 'PT_NOT_CURRENT';
}
