/**
 * Calibration checks (rules 10, 14): whether a calibration is out of tolerance, and whether a
 * run is calibration-traceable: the instrument's current calibration is T1 or T2 and the run
 * started inside the calibration's validity.
 */
import type { CalibrationPoint } from '../../model/lab/calibration';
import type { TraceabilityClass } from '../../model/lab/reference-material';
import { instantMs } from './time';

/** True when any point deviates from its nominal value by more than its tolerance. */
export function isOutOfTolerance(points: readonly CalibrationPoint[]): boolean {
  return points.some((p) => Math.abs(p.measured - p.nominal) > (Math.abs(p.nominal) * p.tolerancePct) / 100);
}

/** What rule 14 says about one run and the calibration it used. */
export interface RunTraceability {
  /** T1/T2 and calibratedAt ≤ run start ≤ dueAt. */
  traceable: boolean;
  /** The tested lot (and everything made from it) needs additional verification. */
  additionalVerificationRequired: boolean;
  reasons: string[];
}

/** The facts of a calibration rule 14 needs. */
export interface CalibrationWindow {
  traceabilityClass: TraceabilityClass;
  calibratedAt: string;
  dueAt: string;
}

/**
 * Applies rule 14. T3, or T2 where the policy demands T1 (`acceptT2` false), requires
 * additional verification of the tested lot; so does a run outside the calibration's validity.
 */
export function runTraceability(
  calibration: CalibrationWindow,
  runStart: string,
  acceptT2: boolean,
): RunTraceability {
  const reasons: string[] = [];
  const start = instantMs(runStart);
  if (start < instantMs(calibration.calibratedAt)) {
    reasons.push('run started before the calibration');
  }
  if (start > instantMs(calibration.dueAt)) {
    reasons.push('run started after the calibration was due');
  }
  const cls = calibration.traceabilityClass;
  if (cls === 'T3') {
    reasons.push('calibration traceability not demonstrated (T3)');
  }
  const inWindow = reasons.length === 0;
  const t2Refused = cls === 'T2' && !acceptT2;
  if (t2Refused) {
    reasons.push('policy requires T1 traceability; calibration is T2');
  }
  return { traceable: inWindow, additionalVerificationRequired: !inWindow || t2Refused, reasons };
}
