import type { QualificationTestInput, TestLimit } from '../../../../chaincode/src/model/lab/qualification';
import {
  defaultTemplate,
  isNoLooser,
  templateTest,
} from '../../../../chaincode/src/rules/lab/limit-templates';
import {
  checkOverrides,
  evaluateStage,
  testPasses,
} from '../../../../chaincode/src/rules/lab/qualification-tests';
import { codeOf, messagesOf } from './support';

const max = (value: number, inclusive = true): TestLimit => ({ kind: 'MAX', value, inclusive });
const min = (value: number, inclusive = true): TestLimit => ({ kind: 'MIN', value, inclusive });
const dev = (value: number, relative = false): TestLimit => ({ kind: 'DEVIATION', value, relative });

describe('default OQ/PQ templates (rule 8)', () => {
  it('holds the ICP-MS defaults', () => {
    expect(templateTest('ICP-MS', 'MASS_ACCURACY')?.limit).toEqual(dev(0.1));
    expect(templateTest('ICP-MS', 'PEAK_WIDTH_10PCT')?.limit).toEqual(max(0.9, false));
    expect(templateTest('ICP-MS', 'TUNE_PRECISION_RSD')?.limit).toEqual(max(5, false));
    expect(templateTest('ICP-MS', 'OXIDE_RATIO')?.limit).toEqual(max(2.5));
    expect(templateTest('ICP-MS', 'DOUBLY_CHARGED_RATIO')?.limit).toEqual(max(3));
    expect(templateTest('ICP-MS', 'DRIFT_2H')?.limit).toEqual(max(10));
    expect(templateTest('ICP-MS', 'SENSITIVITY')?.vendorSpec).toBe(true);
  });
  it('holds the LC-MS/MS and HPLC defaults', () => {
    expect(templateTest('LC-MS/MS', 'MASS_ACCURACY')?.limit).toEqual(dev(0.2));
    expect(templateTest('LC-MS/MS', 'RESOLUTION_FWHM')).toMatchObject({ setPoint: 0.7, limit: dev(0.1) });
    expect(templateTest('LC-MS/MS', 'MRM_AREA_RSD')?.limit).toEqual(max(5));
    expect(templateTest('LC-MS/MS', 'PUMP_FLOW_ACCURACY')?.limit).toEqual(dev(5, true));
    expect(templateTest('LC-MS/MS', 'GRADIENT_ACCURACY')?.limit).toEqual(dev(2));
    expect(templateTest('LC-MS/MS', 'INJECTOR_RSD')?.limit).toEqual(max(1.0));
    expect(templateTest('LC-MS/MS', 'CARRY_OVER')?.limit).toEqual(max(0.2));
    expect(templateTest('LC-MS/MS', 'COLUMN_OVEN_TEMPERATURE')?.limit).toEqual(dev(2));
    expect(templateTest('HPLC-UV/DAD', 'WAVELENGTH_ACCURACY')?.limit).toEqual(dev(2));
    expect(templateTest('HPLC-UV/DAD', 'LINEARITY_R2')?.limit).toEqual(min(0.999));
    expect(templateTest('HPLC-UV/DAD', 'CARRY_OVER')?.limit).toEqual(max(0.2));
    expect(templateTest('HPLC-UV/DAD', 'MASS_ACCURACY')).toBeUndefined();
    expect(defaultTemplate('ICP-MS')).toHaveLength(7);
    expect(defaultTemplate('LC-MS/MS')).toHaveLength(8);
    expect(defaultTemplate('HPLC-UV/DAD')).toHaveLength(7);
    expect(defaultTemplate('HPLC-ICP-MS')).toHaveLength(12);
    expect(defaultTemplate('BALANCE')).toEqual([]);
  });
});

describe('tighten, never loosen', () => {
  it.each([
    [max(2.0), max(2.5), true],
    [max(2.5), max(2.5), true],
    [max(2.6), max(2.5), false],
    [max(0.9, false), max(0.9, false), true],
    [max(0.9, true), max(0.9, false), false],
    [max(0.89, true), max(0.9, false), true],
    [min(0.9995), min(0.999), true],
    [min(0.999), min(0.999), true],
    [min(0.998), min(0.999), false],
    [min(0.999, true), min(0.999, false), false],
    [min(0.999, false), min(0.999, true), true],
    [dev(0.05), dev(0.1), true],
    [dev(0.1), dev(0.1), true],
    [dev(0.11), dev(0.1), false],
    [dev(5, false), dev(5, true), false],
    [max(0.1), dev(0.1), false],
    [dev(0.1), max(0.1), false],
    [min(1), max(1), false],
    [max(1), min(1), false],
    [{ kind: 'RANGE', min: 19, max: 24 }, { kind: 'RANGE', min: 18, max: 25 }, true],
    [{ kind: 'RANGE', min: 17, max: 24 }, { kind: 'RANGE', min: 18, max: 25 }, false],
    [{ kind: 'RANGE', min: 18, max: 26 }, { kind: 'RANGE', min: 18, max: 25 }, false],
    [max(1), { kind: 'RANGE', min: 18, max: 25 }, false],
  ] as [TestLimit, TestLimit, boolean][])('%j against %j → %s', (candidate, reference, expected) => {
    expect(isNoLooser(candidate, reference)).toBe(expected);
  });
  it('accepts any vendor figure of the same kind', () => {
    expect(isNoLooser(min(5000), min(0), true)).toBe(true);
    expect(isNoLooser(max(5000), min(0), true)).toBe(false);
  });
  it('checks a lab override against the template', () => {
    expect(
      codeOf(() => {
        checkOverrides('ICP-MS', [{ testId: 'OXIDE_RATIO', limit: max(2) }]);
      }),
    ).toBeUndefined();
    expect(
      messagesOf(() => {
        checkOverrides('ICP-MS', [{ testId: 'OXIDE_RATIO', limit: max(3) }]);
      }),
    ).toEqual(['LIMIT_LOOSENED:limitOverrides[0].limit']);
    expect(
      messagesOf(() => {
        checkOverrides('ICP-MS', [{ testId: 'NOPE', limit: max(3) }]);
      }),
    ).toEqual(['VALIDATION_FAILED:limitOverrides[0].testId']);
    expect(
      codeOf(() => {
        checkOverrides('ICP-MS', [{ testId: 'SENSITIVITY', limit: min(120000) }]);
      }),
    ).toBeUndefined();
  });
});

describe('test evaluation', () => {
  it.each([
    [max(2.5), 2.5, undefined, true],
    [max(2.5), 2.51, undefined, false],
    [max(0.9, false), 0.9, undefined, false],
    [max(0.9, false), 0.89, undefined, true],
    [min(0.999), 0.999, undefined, true],
    [min(0.999), 0.9989, undefined, false],
    [min(0.999, false), 0.999, undefined, false],
    [min(0.999, false), 0.9991, undefined, true],
    [dev(0.1), 0.8, 0.7, true],
    [dev(0.1), 0.6, 0.7, true],
    [dev(0.1), 0.81, 0.7, false],
    [dev(0.1), 0.59, 0.7, false],
    [dev(0.1), 0.7, undefined, false],
    [dev(5, true), 1.05, 1.0, true],
    [dev(5, true), 0.95, 1.0, true],
    [dev(5, true), 1.051, 1.0, false],
    [dev(5, true), -1.05, -1.0, true],
    [{ kind: 'RANGE', min: 18, max: 25 }, 18, undefined, true],
    [{ kind: 'RANGE', min: 18, max: 25 }, 25, undefined, true],
    [{ kind: 'RANGE', min: 18, max: 25 }, 17.9, undefined, false],
    [{ kind: 'RANGE', min: 18, max: 25 }, 25.1, undefined, false],
  ] as [TestLimit, number, number | undefined, boolean][])(
    '%j with %d (set-point %s) passes: %s',
    (limit, measured, setPoint, expected) => {
      expect(testPasses(limit, measured, setPoint)).toBe(expected);
    },
  );
});

const performedBy = 'analyst1';
function icpOq(overrides: Partial<Record<string, number>> = {}): QualificationTestInput[] {
  return defaultTemplate('ICP-MS').map((t) => ({
    testId: t.testId,
    name: t.testId,
    unit: t.unit,
    ...(t.limit.kind === 'DEVIATION' ? { setPoint: 59 } : {}),
    measured:
      overrides[t.testId] ?? (t.limit.kind === 'DEVIATION' ? 59.05 : t.limit.kind === 'MIN' ? 100000 : 0.5),
    limit: t.testId === 'SENSITIVITY' ? min(50000) : t.limit,
    performedBy,
  }));
}

describe('stage evaluation', () => {
  it('passes an ICP-MS OQ when every test passes and computes each result', () => {
    const result = evaluateStage('ICP-MS', 'OQ', icpOq(), []);
    expect(result.passed).toBe(true);
    expect(result.tests.every((t) => t.passed)).toBe(true);
  });
  it('fails the stage when one test fails', () => {
    const result = evaluateStage('ICP-MS', 'OQ', icpOq({ OXIDE_RATIO: 2.6 }), []);
    expect(result.passed).toBe(false);
    expect(result.tests.filter((t) => !t.passed).map((t) => t.testId)).toEqual(['OXIDE_RATIO']);
  });
  it('refuses an OQ that leaves out a template test', () => {
    expect(messagesOf(() => evaluateStage('ICP-MS', 'OQ', icpOq().slice(1), []))).toEqual([
      'VALIDATION_FAILED:tests',
    ]);
  });
  it('lets a PQ cover part of the template', () => {
    expect(evaluateStage('ICP-MS', 'PQ', icpOq().slice(1, 3), []).passed).toBe(true);
  });
  it('refuses an empty stage, repeated tests and deviation tests without a set-point', () => {
    expect(messagesOf(() => evaluateStage('BALANCE', 'IQ', [], []))).toEqual(['VALIDATION_FAILED:tests']);
    const tests = icpOq();
    expect(messagesOf(() => evaluateStage('ICP-MS', 'PQ', [tests[1]!, tests[1]!], []))).toEqual([
      'VALIDATION_FAILED:tests[1].testId',
    ]);
    const noSetPoint = { ...tests[0]!, setPoint: undefined };
    expect(messagesOf(() => evaluateStage('ICP-MS', 'PQ', [noSetPoint], []))).toEqual([
      'VALIDATION_FAILED:tests[0].setPoint',
    ]);
  });
  it('refuses a recorded limit looser than the default or the lab override', () => {
    const tests = icpOq();
    const loose = tests.map((t) => (t.testId === 'OXIDE_RATIO' ? { ...t, limit: max(3) } : t));
    expect(messagesOf(() => evaluateStage('ICP-MS', 'OQ', loose, []))).toEqual([
      expect.stringMatching(/^LIMIT_LOOSENED:tests\[3\]/),
    ]);
    const override = [{ testId: 'OXIDE_RATIO', limit: max(2) }];
    expect(messagesOf(() => evaluateStage('ICP-MS', 'OQ', tests, override))).toEqual([
      'LIMIT_LOOSENED:tests[3].limit',
    ]);
    const tight = tests.map((t) => (t.testId === 'OXIDE_RATIO' ? { ...t, limit: max(2) } : t));
    expect(evaluateStage('ICP-MS', 'OQ', tight, override).passed).toBe(true);
  });
  it('refuses a changed template set-point', () => {
    const lc = defaultTemplate('LC-MS/MS').map((t) => ({
      testId: t.testId,
      name: t.testId,
      unit: t.unit,
      setPoint: t.setPoint ?? 1,
      measured: t.limit.kind === 'DEVIATION' ? (t.setPoint ?? 1) : 0.1,
      limit: t.limit,
      performedBy,
    }));
    expect(evaluateStage('LC-MS/MS', 'OQ', lc, []).passed).toBe(true);
    const moved = lc.map((t) =>
      t.testId === 'RESOLUTION_FWHM' ? { ...t, setPoint: 1.0, measured: 1.0 } : t,
    );
    expect(messagesOf(() => evaluateStage('LC-MS/MS', 'OQ', moved, []))).toEqual([
      'LIMIT_LOOSENED:tests[1].setPoint',
    ]);
  });
});
