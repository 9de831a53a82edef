/**
 * Reading an instrument's append-only qualification timeline: its state at any past instant and
 * whether it stayed usable for the whole of a run (rules 18-19: the instrument was QUALIFIED
 * during the run, and the run ended before `qualifiedUntil`).
 */
import type { QualificationChange, QualificationState } from '../../model/lab/instrument';
import { effectiveState, isUsable } from './qualification';
import { instantMs } from './time';

/** The state in force at `at`, or undefined before the instrument was registered. */
export function stateAt(
  changes: readonly QualificationChange[],
  at: string,
  dueSoonDays: number,
): QualificationState | undefined {
  const t = instantMs(at);
  let current: QualificationChange | undefined;
  for (const change of changes) {
    if (instantMs(change.at) <= t) {
      current = change;
    }
  }
  return current === undefined
    ? undefined
    : effectiveState(current.state, current.qualifiedUntil, at, dueSoonDays);
}

/**
 * True when the instrument was usable at the start, at every change during the run, and at the
 * end: a suspension or an expiry inside the run makes the run's results unusable.
 */
export function usableThroughout(
  changes: readonly QualificationChange[],
  start: string,
  end: string,
  dueSoonDays: number,
): boolean {
  const from = instantMs(start);
  const to = instantMs(end);
  const inside = changes.filter((c) => instantMs(c.at) > from && instantMs(c.at) <= to).map((c) => c.at);
  return [start, ...inside, end].every((t) => isUsable(stateAt(changes, t, dueSoonDays)));
}
