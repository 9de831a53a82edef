/**
 * Evaluation of IQ/OQ/PQ tests (rules 7-8): each test's pass/fail from its numbers, the limit it
 * used checked against the default template (or the lab's tightened limit), and an OQ checked
 * for completeness. A stage passes only when every test passes.
 */
import type { QualificationStage, Technique } from '../../model/lab/instrument';
import type {
  QualificationTestInput,
  QualificationTestResult,
  TestLimit,
} from '../../model/lab/qualification';
import { defaultTemplate, isNoLooser, type TemplateTest } from './limit-templates';
import { refuseAll, type RuleViolation } from './violation';

/** Slack for comparing decimal figures at a limit, so 0.8 − 0.7 counts as 0.1. */
const EPSILON = 1e-9;

/** A lab's own (tightened) limit for one test of its instrument. */
export interface LimitOverride {
  testId: string;
  limit: TestLimit;
}

/** The outcome of one stage. */
export interface StageEvaluation {
  passed: boolean;
  tests: QualificationTestResult[];
}

/** True when a measurement meets its limit. DEVIATION limits need the set-point. */
export function testPasses(limit: TestLimit, measured: number, setPoint?: number): boolean {
  switch (limit.kind) {
    case 'MAX':
      return limit.inclusive ? measured <= limit.value + EPSILON : measured < limit.value;
    case 'MIN':
      return limit.inclusive ? measured >= limit.value - EPSILON : measured > limit.value;
    case 'RANGE':
      return measured >= limit.min - EPSILON && measured <= limit.max + EPSILON;
    case 'DEVIATION': {
      if (setPoint === undefined) {
        return false;
      }
      const deviation = Math.abs(measured - setPoint);
      const allowed = limit.relative ? (Math.abs(setPoint) * limit.value) / 100 : limit.value;
      return deviation <= allowed + EPSILON;
    }
  }
}

/**
 * Checks a lab's limit overrides against the technique's template: each must name a template
 * test and be no looser than its default. Throws LIMIT_LOOSENED / VALIDATION_FAILED.
 */
export function checkOverrides(technique: Technique, overrides: readonly LimitOverride[]): void {
  const template = defaultTemplate(technique);
  const violations: RuleViolation[] = [];
  overrides.forEach((override, i) => {
    const reference = template.find((t) => t.testId === override.testId);
    if (reference === undefined) {
      violations.push({
        code: 'VALIDATION_FAILED',
        path: `limitOverrides[${i}].testId`,
        message: `${technique} has no default test ${override.testId}`,
      });
    } else if (!isNoLooser(override.limit, reference.limit, reference.vendorSpec)) {
      violations.push({
        code: 'LIMIT_LOOSENED',
        path: `limitOverrides[${i}].limit`,
        message: `limit for ${override.testId} is looser than the alliance default`,
      });
    }
  });
  refuseAll(violations);
}

/**
 * Evaluates a stage's tests. Throws when a test's limit is looser than the one in force, when a
 * template set-point is changed, when a DEVIATION test has no set-point, when a test id repeats,
 * or when an OQ leaves out a template test.
 */
export function evaluateStage(
  technique: Technique,
  stage: QualificationStage,
  tests: readonly QualificationTestInput[],
  overrides: readonly LimitOverride[],
): StageEvaluation {
  const template = defaultTemplate(technique);
  const violations: RuleViolation[] = [];
  const seen = new Set<string>();
  tests.forEach((test, i) => {
    if (seen.has(test.testId)) {
      violations.push({
        code: 'VALIDATION_FAILED',
        path: `tests[${i}].testId`,
        message: `test ${test.testId} repeats`,
      });
    }
    seen.add(test.testId);
    violations.push(...limitViolations(test, i, template, overrides));
  });
  if (stage === 'OQ') {
    for (const t of template) {
      if (!seen.has(t.testId)) {
        violations.push({
          code: 'VALIDATION_FAILED',
          path: 'tests',
          message: `OQ must include test ${t.testId}`,
        });
      }
    }
  }
  if (tests.length === 0) {
    violations.push({ code: 'VALIDATION_FAILED', path: 'tests', message: `${stage} lists no test` });
  }
  refuseAll(violations);
  const results = tests.map((t) => ({ ...t, passed: testPasses(t.limit, t.measured, t.setPoint) }));
  return { passed: results.every((r) => r.passed), tests: results };
}

function limitViolations(
  test: QualificationTestInput,
  i: number,
  template: readonly TemplateTest[],
  overrides: readonly LimitOverride[],
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (test.limit.kind === 'DEVIATION' && test.setPoint === undefined) {
    violations.push({
      code: 'VALIDATION_FAILED',
      path: `tests[${i}].setPoint`,
      message: 'a deviation limit needs a set-point',
    });
  }
  const reference = template.find((t) => t.testId === test.testId);
  if (reference === undefined) {
    return violations;
  }
  if (reference.setPoint !== undefined && test.setPoint !== reference.setPoint) {
    violations.push({
      code: 'LIMIT_LOOSENED',
      path: `tests[${i}].setPoint`,
      message: `${test.testId} must use set-point ${reference.setPoint}`,
    });
  }
  const override = overrides.find((o) => o.testId === test.testId);
  const inForce = override?.limit ?? reference.limit;
  const vendorSpec = override === undefined && reference.vendorSpec === true;
  if (!isNoLooser(test.limit, inForce, vendorSpec)) {
    violations.push({
      code: 'LIMIT_LOOSENED',
      path: `tests[${i}].limit`,
      message: `limit for ${test.testId} is looser than the one in force`,
    });
  }
  return violations;
}
