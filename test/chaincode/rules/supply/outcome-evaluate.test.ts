import {
  evaluateAnalyte,
  EvaluationProblem,
  type AnalytePlan,
} from '../../../../chaincode/src/rules/supply/evaluate';
import { classifyScore, escalateRepeat, worstOutcome } from '../../../../chaincode/src/rules/supply/outcome';

describe('outcome classification (rule 30)', () => {
  it.each([
    ['z', 2, 'SATISFACTORY'],
    ['z', -2, 'SATISFACTORY'],
    ['z', 2.01, 'QUESTIONABLE'],
    ['z_prime', -2.99, 'QUESTIONABLE'],
    ['zeta', 3, 'UNSATISFACTORY'],
    ['zeta', -3.5, 'UNSATISFACTORY'],
    ['En', 1, 'SATISFACTORY'],
    ['En', -1, 'SATISFACTORY'],
    ['En', 1.01, 'UNSATISFACTORY'],
    ['En', 2.5, 'UNSATISFACTORY'],
  ] as const)('%s = %d is %s', (type, score, outcome) => {
    expect(classifyScore(type, score)).toBe(outcome);
  });

  it('takes the worst outcome and escalates a repeated QUESTIONABLE', () => {
    expect(worstOutcome([])).toBe('SATISFACTORY');
    expect(worstOutcome(['SATISFACTORY', 'QUESTIONABLE', 'SATISFACTORY'])).toBe('QUESTIONABLE');
    expect(worstOutcome(['UNSATISFACTORY', 'QUESTIONABLE'])).toBe('UNSATISFACTORY');
    expect(worstOutcome(['QUESTIONABLE', 'UNSATISFACTORY'])).toBe('UNSATISFACTORY');
    expect(escalateRepeat('QUESTIONABLE', 'QUESTIONABLE')).toBe('UNSATISFACTORY');
    expect(escalateRepeat('QUESTIONABLE', 'SATISFACTORY')).toBe('QUESTIONABLE');
    expect(escalateRepeat('QUESTIONABLE', undefined)).toBe('QUESTIONABLE');
    expect(escalateRepeat('SATISFACTORY', 'QUESTIONABLE')).toBe('SATISFACTORY');
  });
});

const base: AnalytePlan = {
  analyte: 'Pb',
  unit: 'mg/kg',
  assignedValueSource: 'REFERENCE_LAB',
  referenceLab: 'Ref',
  sigmaRule: 'HORWITZ_THOMPSON',
  scoreType: 'z',
};

describe('evaluating one analyte', () => {
  it('scores a lab against a reference lab with Horwitz σ, HorRat and CD', () => {
    const e = evaluateAnalyte(base, [
      { lab: 'Ref', values: [1.0, 1.0, 1.0], expandedUncertainty: 0.04, coverageFactor: 2 },
      { lab: 'Lab', values: [1.1, 1.2, 1.3], expandedUncertainty: 0.1, coverageFactor: 2 },
    ]);
    expect(e.assignedValue).toBe(1);
    expect(e.assignedUncertainty).toBeCloseTo(0.02, 12);
    expect(e.sigmaPt).toBeCloseTo(0.15996685, 6);
    expect(e.scores).toHaveLength(1);
    expect(e.scores[0]).toMatchObject({ lab: 'Lab', replicates: 3, scoreType: 'z', outcome: 'SATISFACTORY' });
    expect(e.scores[0]?.mean).toBeCloseTo(1.2, 12);
    expect(e.scores[0]?.score).toBeCloseTo(0.2 / 0.15996685, 6);
    // means 1.0 and 1.2: RSD 12.856 %, PRSD 15.997 %
    expect(e.horRat).toBeCloseTo(12.8564869306645 / 15.996685100140567, 6);
    expect(e.horRatAcceptable).toBe(true);
    expect(e.meanDifference).toBeCloseTo(0.2, 12);
    expect(e.criticalDifference).toBeCloseTo(criticalFor(0.15996685, 3, 3), 6);
    expect(e.withinCriticalDifference).toBe(true);
    expect(e.outcome).toBe('SATISFACTORY');
  });

  it('switches to z prime when the reference uncertainty is not negligible', () => {
    const e = evaluateAnalyte({ ...base, sigmaRule: 'METHOD_SR', methodSR: 0.1, methodSr: 0.05 }, [
      { lab: 'Ref', values: [1.0], expandedUncertainty: 0.1, coverageFactor: 2 },
      { lab: 'Lab', values: [1.05], expandedUncertainty: 0.1, coverageFactor: 2 },
    ]);
    expect(e.sigmaPt).toBe(0.1);
    expect(e.scores[0]?.scoreType).toBe('z_prime');
    expect(e.scores[0]?.score).toBeCloseTo(0.05 / Math.sqrt(0.01 + 0.0025), 10);
    // means 1.00 and 1.05 agree far better than Horwitz predicts: HorRat 0.21 < 0.5
    expect(e.horRat).toBeCloseTo(3.4486 / 15.9967, 3);
    expect(e.criticalDifference).toBeCloseTo(Math.sqrt(0.28 ** 2 - 0.14 ** 2 * 0), 10);
    expect(e.horRatAcceptable).toBe(false);
    expect(e.outcome).toBe('QUESTIONABLE');
  });

  it('marks the tested lab UNSATISFACTORY when two labs differ beyond CD', () => {
    const e = evaluateAnalyte({ ...base, sigmaRule: 'FIXED_RSD', fixedRsdPercent: 10, scoreType: 'En' }, [
      { lab: 'Ref', values: [1.0, 1.0], expandedUncertainty: 0.3, coverageFactor: 2 },
      { lab: 'Lab', values: [1.35, 1.35], expandedUncertainty: 0.3, coverageFactor: 2 },
    ]);
    expect(e.sigmaPt).toBeCloseTo(0.1, 12);
    expect(e.scores[0]?.score).toBeCloseTo(0.35 / Math.sqrt(0.09 + 0.09), 10);
    expect(e.withinCriticalDifference).toBe(false);
    expect(e.scores[0]?.outcome).toBe('UNSATISFACTORY');
    expect(e.outcome).toBe('UNSATISFACTORY');
  });

  it('scores every lab against a CRM value with zeta and skips CD for three labs', () => {
    const e = evaluateAnalyte(
      {
        ...base,
        assignedValueSource: 'CRM',
        assignedValue: 2,
        assignedUncertainty: 0.05,
        scoreType: 'zeta',
        referenceLab: undefined,
      },
      [
        { lab: 'A', values: [2.1], expandedUncertainty: 0.2, coverageFactor: 2 },
        { lab: 'B', values: [1.9], expandedUncertainty: 0.2, coverageFactor: 2 },
        { lab: 'C', values: [2.5], expandedUncertainty: 0.2, coverageFactor: 2 },
      ],
    );
    expect(e.scores.map((s) => s.lab)).toEqual(['A', 'B', 'C']);
    expect(e.scores[2]?.score).toBeCloseTo(0.5 / Math.sqrt(0.01 + 0.0025), 10);
    expect(e.scores.map((s) => s.outcome)).toEqual(['SATISFACTORY', 'SATISFACTORY', 'UNSATISFACTORY']);
    expect(e.criticalDifference).toBeUndefined();
    expect(e.outcome).toBe('UNSATISFACTORY');
  });

  it('uses the consensus median when the protocol says so', () => {
    const e = evaluateAnalyte({ ...base, assignedValueSource: 'CONSENSUS', referenceLab: undefined }, [
      { lab: 'A', values: [1.0], expandedUncertainty: 0.1, coverageFactor: 2 },
      { lab: 'B', values: [1.1], expandedUncertainty: 0.1, coverageFactor: 2 },
      { lab: 'C', values: [0.9], expandedUncertainty: 0.1, coverageFactor: 2 },
    ]);
    expect(e.assignedValue).toBe(1);
    expect(e.scores).toHaveLength(3);
  });

  it('refuses incomplete plans and data', () => {
    const one = [{ lab: 'Ref', values: [1], expandedUncertainty: 0.1, coverageFactor: 2 }];
    expect(() => evaluateAnalyte({ ...base, unit: 'IU' }, one)).toThrow(EvaluationProblem);
    expect(() =>
      evaluateAnalyte(base, [{ lab: 'Ref', values: [], expandedUncertainty: 0, coverageFactor: 2 }]),
    ).toThrow('every lab needs at least one value');
    expect(() => evaluateAnalyte({ ...base, referenceLab: 'Other' }, one)).toThrow(
      'the reference lab has no result',
    );
    expect(() => evaluateAnalyte({ ...base, assignedValueSource: 'CRM' }, one)).toThrow('assignedValue');
    expect(() => evaluateAnalyte({ ...base, assignedValueSource: 'CONSENSUS' }, one)).toThrow(
      'at least three labs',
    );
    expect(() => evaluateAnalyte({ ...base, sigmaRule: 'FIXED_RSD' }, one)).toThrow('fixedRsdPercent');
    expect(() => evaluateAnalyte({ ...base, sigmaRule: 'METHOD_SR' }, one)).toThrow('methodSR');
  });
});

function criticalFor(sR: number, n1: number, n2: number): number {
  const sr = 0.67 * sR;
  return Math.sqrt((2.8 * sR) ** 2 - (2.8 * sr) ** 2 * (1 - 1 / (2 * n1) - 1 / (2 * n2)));
}
