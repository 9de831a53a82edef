/**
 * Chronology (rules 5 and 18). Client-supplied times are claims: none may lie beyond ledger time
 * plus the allowed clock skew, one older than the backdating window is accepted but marked a
 * late entry, and a report's dates must follow
 * sampled ≤ received ≤ run start ≤ run end ≤ report signed ≤ submitted, with issue ≥ last run end.
 */
import { instantMs } from './time';
import { refuse, refuseAll, type RuleViolation } from './violation';

/** The chronology parameters of the alliance policy. */
export interface ChronologyParameters {
  maxClockSkewSeconds: number;
  maxBackdateHours: number;
}

/**
 * Checks one client event time against ledger time. Refuses a time in the future beyond the
 * clock skew; returns whether it is a late entry (older than the backdating window).
 */
export function checkEventTime(
  eventTime: string,
  ledgerTime: string,
  params: ChronologyParameters,
  path = 'eventTime',
): { lateEntry: boolean } {
  const event = instantMs(eventTime);
  const ledger = instantMs(ledgerTime);
  if (event > ledger + params.maxClockSkewSeconds * 1000) {
    refuse('CHRONOLOGY_VIOLATION', `${path} ${eventTime} is later than ledger time ${ledgerTime}`, path);
  }
  return { lateEntry: event < ledger - params.maxBackdateHours * 3_600_000 };
}

/** A run as far as report chronology is concerned. */
export interface RunSpan {
  id: string;
  startedAt: string;
  endedAt: string;
}

/** The dates of a report. `signedAt` is absent before the author signs. */
export interface ReportDates {
  sampledAt: string;
  receivedAt: string;
  issuedAt: string;
  runs: readonly RunSpan[];
  signedAt?: string;
  submittedAt: string;
}

/** Every violation of rule 18's order in a report's dates. */
export function reportChronologyViolations(dates: ReportDates): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const order = (earlier: string, later: string, path: string, message: string): void => {
    if (instantMs(earlier) > instantMs(later)) {
      violations.push({ code: 'CHRONOLOGY_VIOLATION', path, message });
    }
  };
  order(dates.sampledAt, dates.receivedAt, 'receivedAt', 'sample received before it was taken');
  for (const run of dates.runs) {
    order(dates.receivedAt, run.startedAt, 'results', `run ${run.id} started before the sample was received`);
    order(run.startedAt, run.endedAt, 'results', `run ${run.id} ended before it started`);
    order(run.endedAt, dates.issuedAt, 'issuedAt', `report issued before run ${run.id} ended`);
    if (dates.signedAt !== undefined) {
      order(run.endedAt, dates.signedAt, 'signedAt', `report signed before run ${run.id} ended`);
    }
  }
  if (dates.signedAt !== undefined) {
    order(dates.signedAt, dates.submittedAt, 'signedAt', 'report signed after it reached the ledger');
  }
  return violations;
}

/** Refuses a report whose dates break rule 18. */
export function checkReportChronology(dates: ReportDates): void {
  refuseAll(reportChronologyViolations(dates));
}
