import { LabRuleError } from '../../../../chaincode/src/rules/lab/violation';

/** The code a rule refuses with, undefined when it accepts, 'OTHER' for a non-rule error. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof LabRuleError ? e.code : 'OTHER';
  }
  return undefined;
}

/** The violation messages of a refusal (empty when the rule accepts). */
export function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    return e instanceof LabRuleError ? e.violations.map((v) => `${v.code}:${v.path ?? ''}`) : ['OTHER'];
  }
  return [];
}
