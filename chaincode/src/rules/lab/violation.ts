/**
 * How a lab rule refuses: an {@link AllianceError} whose code is the first violation's, whose
 * issues list every violation (so a caller fixes all of them at once) and whose details keep
 * each violation's own code. Rules never write, so refusing is always safe.
 */
import { AllianceError, type ErrorCode } from '../../model/errors';

/** The error codes lab rules raise. */
export type LabRuleCode = Extract<
  ErrorCode,
  | 'VALIDATION_FAILED'
  | 'INVALID_STATE'
  | 'CHRONOLOGY_VIOLATION'
  | 'INSTRUMENT_NOT_QUALIFIED'
  | 'CALIBRATION_NOT_TRACEABLE'
  | 'SEGREGATION_OF_DUTIES'
  | 'OUT_OF_SCOPE'
  | 'LIMIT_LOOSENED'
  | 'METHOD_NOT_VALIDATED'
  | 'UNKNOWN_UNIT'
>;

/** One reason a rule refused, with the input path it concerns where there is one. */
export interface RuleViolation {
  code: LabRuleCode;
  message: string;
  path?: string;
}

/** The error for a non-empty list of violations. */
export function ruleError(violations: readonly RuleViolation[]): AllianceError {
  const first = violations[0];
  if (first === undefined) {
    throw new TypeError('a rule error needs at least one violation');
  }
  return new AllianceError(first.code, violations.map((v) => v.message).join('; '), {
    issues: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
    details: { violations: violations.map((v) => ({ ...v })) },
  });
}

/** Throws one violation. */
export function refuse(code: LabRuleCode, message: string, path?: string): never {
  throw ruleError([path === undefined ? { code, message } : { code, message, path }]);
}

/** Throws when the list holds any violation; does nothing otherwise. */
export function refuseAll(violations: readonly RuleViolation[]): void {
  if (violations.length > 0) {
    throw ruleError(violations);
  }
}
