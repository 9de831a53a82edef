/**
 * How a lab rule refuses: a coded error the contracts pass on unchanged. Rules never write, so
 * refusing is always safe: the transaction fails and nothing reaches the ledger.
 */

/** The error codes lab rules raise (a subset of the chaincode's stable error codes). */
export type LabRuleCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_STATE'
  | 'CHRONOLOGY_VIOLATION'
  | 'INSTRUMENT_NOT_QUALIFIED'
  | 'CALIBRATION_NOT_TRACEABLE'
  | 'SEGREGATION_OF_DUTIES'
  | 'OUT_OF_SCOPE'
  | 'LIMIT_LOOSENED'
  | 'METHOD_NOT_VALIDATED'
  | 'UNKNOWN_UNIT';

/** One reason a rule refused, with the input path it concerns where there is one. */
export interface RuleViolation {
  code: LabRuleCode;
  message: string;
  path?: string;
}

/** Thrown by a lab rule that refuses its input. */
export class LabRuleError extends Error {
  /** The stable code of the first (or only) violation. */
  readonly code: LabRuleCode;
  /** Every violation found, so a caller can fix all of them at once. */
  readonly violations: readonly RuleViolation[];

  constructor(violations: readonly RuleViolation[]) {
    const first = violations[0];
    if (first === undefined) {
      throw new TypeError('LabRuleError needs at least one violation');
    }
    super(violations.map((v) => v.message).join('; '));
    this.name = 'LabRuleError';
    this.code = first.code;
    this.violations = violations;
  }
}

/** Throws one violation. */
export function refuse(code: LabRuleCode, message: string, path?: string): never {
  throw new LabRuleError([path === undefined ? { code, message } : { code, message, path }]);
}

/** Throws when the list holds any violation; does nothing otherwise. */
export function refuseAll(violations: readonly RuleViolation[]): void {
  if (violations.length > 0) {
    throw new LabRuleError(violations);
  }
}
