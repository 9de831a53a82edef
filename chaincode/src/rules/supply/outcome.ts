/**
 * Outcomes of a comparative verification (rule 30): classify each score, decide the worst across
 * analytes, and escalate a second QUESTIONABLE in a row on one analyte to UNSATISFACTORY.
 */

/** The score types a protocol may choose. */
export type ScoreType = 'z' | 'z_prime' | 'zeta' | 'En';
/** An outcome, best first. */
export type Outcome = 'SATISFACTORY' | 'QUESTIONABLE' | 'UNSATISFACTORY';

const RANK: Readonly<Record<Outcome, number>> = { SATISFACTORY: 0, QUESTIONABLE: 1, UNSATISFACTORY: 2 };

/**
 * The outcome of one score: |z|, |z'|, |ζ| ≤ 2 satisfactory, < 3 questionable, else
 * unsatisfactory; |E_n| ≤ 1 satisfactory, else unsatisfactory.
 */
export function classifyScore(type: ScoreType, score: number): Outcome {
  const size = Math.abs(score);
  if (type === 'En') return size <= 1 ? 'SATISFACTORY' : 'UNSATISFACTORY';
  if (size <= 2) return 'SATISFACTORY';
  return size < 3 ? 'QUESTIONABLE' : 'UNSATISFACTORY';
}

/** The worse of outcomes; SATISFACTORY for none. */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  let worst: Outcome = 'SATISFACTORY';
  for (const o of outcomes) if (RANK[o] > RANK[worst]) worst = o;
  return worst;
}

/**
 * The outcome that counts, given the lab's previous outcome on the same analyte: QUESTIONABLE
 * twice in a row counts as UNSATISFACTORY (common PT-scheme practice).
 */
export function escalateRepeat(current: Outcome, previous: Outcome | undefined): Outcome {
  return current === 'QUESTIONABLE' && previous === 'QUESTIONABLE' ? 'UNSATISFACTORY' : current;
}
