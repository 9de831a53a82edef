import { isAllianceError } from '../../../../chaincode/src/model/errors';
import type { RuleViolation } from '../../../../chaincode/src/rules/lab/violation';

/** The code a rule refuses with, undefined when it accepts, 'OTHER' for a non-alliance error. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAllianceError(e) ? e.code : 'OTHER';
  }
  return undefined;
}

/** Each violation of a refusal as `code:path` (empty when the rule accepts). */
export function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (!isAllianceError(e)) return ['OTHER'];
    const violations = (e.details?.violations ?? []) as RuleViolation[];
    return violations.map((v) => `${v.code}:${v.path ?? ''}`);
  }
  return [];
}

/** The message of a rule's refusal, undefined when the rule accepts. */
export function refusalMessageOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return undefined;
}
