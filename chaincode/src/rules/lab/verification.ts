/**
 * The automatic checks that turn an APPROVED report into VERIFIED (rule 19): the lab was ACTIVE
 * on the test dates, every result is in scope, every run's instrument was qualified during the
 * run and its calibration traceable (T1/T2), chronology holds, raw-data hashes are present, and
 * the method passed its validation gate (rule 26). Each failed check is returned as a reason.
 */
import type { TraceabilityClass } from '../../model/lab/reference-material';
import type { AccreditationFacts } from './recognition';
import { instantMs } from './time';
import type { RuleViolation } from './violation';

/** What verification needs to know about one run behind the report. */
export interface RunEvidence {
  id: string;
  startedAt: string;
  endedAt: string;
  instrumentUsable: boolean;
  traceable: boolean;
  traceabilityClass: TraceabilityClass;
  rawDataFiles: number;
}

/** Everything rule 19 checks. */
export interface VerificationFacts {
  accreditation: AccreditationFacts | undefined;
  labSuspended: boolean;
  outOfScope: readonly string[];
  runs: readonly RunEvidence[];
  chronology: readonly RuleViolation[];
  method: readonly RuleViolation[];
}

/** Every reason the report cannot be VERIFIED; empty when it can. */
export function verificationFailures(facts: VerificationFacts): string[] {
  const failures: string[] = [];
  const acc = facts.accreditation;
  if (acc === undefined || acc.status !== 'ACTIVE' || facts.labSuspended) {
    failures.push('the lab is not ACTIVE');
  } else {
    for (const run of facts.runs) {
      if (
        instantMs(run.startedAt) < instantMs(acc.validFrom) ||
        instantMs(run.endedAt) > instantMs(acc.validTo)
      ) {
        failures.push(`run ${run.id} lies outside the accreditation's validity`);
      }
    }
  }
  failures.push(...facts.outOfScope.map((item) => `${item} is out of scope`));
  if (facts.runs.length === 0) {
    failures.push('no test run behind the results');
  }
  for (const run of facts.runs) {
    if (!run.instrumentUsable) {
      failures.push(`run ${run.id}: instrument not qualified during the run`);
    }
    if (!run.traceable) {
      failures.push(`run ${run.id}: calibration not traceable (${run.traceabilityClass})`);
    }
    if (run.rawDataFiles === 0) {
      failures.push(`run ${run.id}: no raw-data hash`);
    }
  }
  failures.push(...facts.chronology.map((v) => v.message));
  failures.push(...facts.method.map((v) => v.message));
  return failures;
}
