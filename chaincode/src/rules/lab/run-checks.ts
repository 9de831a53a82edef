/**
 * Checks on a test run before it is recorded (rules 11, 18): the instrument was usable for the
 * whole run (started no earlier than its PQ, ended no later than `qualifiedUntil`, no suspension
 * in between), and the run references a passing daily performance check of the same instrument
 * made before the first injection, within the day.
 */
import type { QualificationChange } from '../../model/lab/instrument';
import { stateAt, usableThroughout } from './timeline';
import { isUsable } from './qualification';
import { instantMs } from './time';
import type { RuleViolation } from './violation';

/** A daily check is "daily": it covers sequences that start within this many hours after it. */
export const DAILY_CHECK_VALIDITY_HOURS = 24;

/** A daily performance check (ICP-MS tune report, LC system-suitability test) as rule 11 sees it. */
export interface DailyCheckFacts {
  id: string;
  instrumentId: string;
  performedAt: string;
  passed: boolean;
}

/** The run under check. */
export interface RunFacts {
  instrumentId: string;
  startedAt: string;
  endedAt: string;
}

/** Every reason the daily check does not cover the run. */
export function dailyCheckViolations(check: DailyCheckFacts, run: RunFacts): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const fail = (message: string): void => {
    violations.push({ code: 'INSTRUMENT_NOT_QUALIFIED', path: 'dailyCheckId', message });
  };
  if (check.instrumentId !== run.instrumentId) {
    fail(`daily check ${check.id} was made on another instrument`);
  }
  if (!check.passed) {
    fail(`daily check ${check.id} failed`);
  }
  const age = instantMs(run.startedAt) - instantMs(check.performedAt);
  if (age < 0) {
    fail(`daily check ${check.id} was made after the run started`);
  } else if (age > DAILY_CHECK_VALIDITY_HOURS * 3_600_000) {
    fail(`daily check ${check.id} is older than ${DAILY_CHECK_VALIDITY_HOURS} h at run start`);
  }
  return violations;
}

/**
 * Every reason the instrument's timeline does not cover the run: not usable at its start
 * (INSTRUMENT_NOT_QUALIFIED), or qualification lost before its end (CHRONOLOGY_VIOLATION when
 * the run outlasted `qualifiedUntil`, INSTRUMENT_NOT_QUALIFIED for a suspension).
 */
export function instrumentCoverageViolations(
  changes: readonly QualificationChange[],
  run: RunFacts,
  dueSoonDays: number,
): RuleViolation[] {
  const atStart = stateAt(changes, run.startedAt, dueSoonDays);
  if (!isUsable(atStart)) {
    return [
      {
        code: 'INSTRUMENT_NOT_QUALIFIED',
        path: 'startedAt',
        message: `instrument ${run.instrumentId} was ${atStart ?? 'not registered'} at run start`,
      },
    ];
  }
  if (usableThroughout(changes, run.startedAt, run.endedAt, dueSoonDays)) {
    return [];
  }
  const atEnd = stateAt(changes, run.endedAt, dueSoonDays);
  return [
    atEnd === 'EXPIRED'
      ? {
          code: 'CHRONOLOGY_VIOLATION',
          path: 'endedAt',
          message: 'run ended after the qualification expired',
        }
      : {
          code: 'INSTRUMENT_NOT_QUALIFIED',
          path: 'endedAt',
          message: `instrument ${run.instrumentId} lost its qualification during the run`,
        },
  ];
}
