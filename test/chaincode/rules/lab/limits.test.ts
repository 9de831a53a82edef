import {
  analyteKind,
  isKnownSpecies,
  isSpeciationAnalyte,
} from '../../../../chaincode/src/rules/lab/analytes';
import { canonicalUnit, normalise, roundSignificant } from '../../../../chaincode/src/rules/lab/units';
import {
  applicableLimits,
  strictestLimit,
  uspConcentrationLimit,
  type LimitContext,
} from '../../../../chaincode/src/rules/lab/limits';
import { decide } from '../../../../chaincode/src/rules/lab/decision';
import { evaluateResults } from '../../../../chaincode/src/rules/lab/evaluation';
import { codeOf, messagesOf, refusalMessageOf } from './support';

describe('analytes', () => {
  it('knows elements, vitamins and their species', () => {
    expect(analyteKind('Pb')).toBe('ELEMENT');
    expect(analyteKind('VITAMIN_D')).toBe('VITAMIN');
    expect(analyteKind('Unobtainium')).toBeUndefined();
    expect(isKnownSpecies('As', 'inorganic')).toBe(true);
    expect(isKnownSpecies('Pb', 'total')).toBe(true);
    expect(isKnownSpecies('Pb', 'inorganic')).toBe(false);
    expect(isKnownSpecies('VITAMIN_D', 'D3')).toBe(true);
    expect(isKnownSpecies('VITAMIN_C', 'D3')).toBe(false);
  });
  it('names speciation and isomer analytes', () => {
    expect(isSpeciationAnalyte('As', 'inorganic')).toBe(true);
    expect(isSpeciationAnalyte('As', 'total')).toBe(false);
    expect(isSpeciationAnalyte('Hg', 'MeHg')).toBe(true);
    expect(isSpeciationAnalyte('VITAMIN_E', '2S-alpha-tocopherol')).toBe(true);
    expect(isSpeciationAnalyte('VITAMIN_K1', 'cis')).toBe(true);
    expect(isSpeciationAnalyte('FOLATE', 'L-5-MTHF')).toBe(true);
    expect(isSpeciationAnalyte('FOLATE', 'total')).toBe(false);
    expect(isSpeciationAnalyte('VITAMIN_D', 'D3')).toBe(false);
    expect(isSpeciationAnalyte('Pb', 'total')).toBe(false);
  });
});

describe('unit normalisation (rule 21)', () => {
  it.each([
    ['Pb', 'total', 0.5, 'mg/kg', 0.5, 'µg/g'],
    ['Pb', 'total', 0.5, 'ppm', 0.5, 'µg/g'],
    ['Pb', 'total', 500, 'µg/kg', 0.5, 'µg/g'],
    ['Pb', 'total', 500, 'ug/kg', 0.5, 'µg/g'],
    ['Pb', 'total', 500, 'ppb', 0.5, 'µg/g'],
    ['Cd', 'total', 250, 'ng/g', 0.25, 'µg/g'],
    ['Cd', 'total', 0.25, 'ng/mg', 0.25, 'µg/g'],
    ['As', 'inorganic', 0.0015, 'mg/g', 1.5, 'µg/g'],
    ['As', 'inorganic', 0.0015, 'g/kg', 1.5, 'µg/g'],
    ['Hg', 'total', 0.0015, 'µg/mg', 1.5, 'µg/g'],
    ['Hg', 'total', 0.15, 'mg/100g', 1.5, 'µg/g'],
    ['Cu', 'total', 0.002, '%', 20, 'µg/g'],
    ['Cu', 'total', 0.002, 'g/100g', 20, 'µg/g'],
    ['VITAMIN_C', 'total', 250, 'mg/g', 250, 'mg/g'],
    ['VITAMIN_C', 'total', 250, 'mg/kg', 0.25, 'mg/g'],
    ['VITAMIN_D', 'D3', 400, 'IU/g', 10, 'µg/g'],
    ['VITAMIN_D', 'D2', 40, 'IU/g', 1, 'µg/g'],
    ['VITAMIN_E', 'RRR-alpha-tocopherol', 100, 'IU/g', 67, 'mg/g'],
    ['VITAMIN_E', 'all-rac-alpha-tocopheryl acetate', 100, 'IU/g', 100, 'mg/g'],
    ['VITAMIN_E', 'RRR-alpha-tocopheryl acetate', 100, 'IU/g', 74, 'mg/g'],
    ['FOLATE', 'folic acid', 0.4, 'mg/g', 400, 'µg/g'],
  ])('%s (%s) %d %s = %d %s', (analyte, species, value, unit, expected, expectedUnit) => {
    expect(normalise(analyte, species, value, unit)).toEqual({ value: expected, unit: expectedUnit });
  });
  it('refuses unknown units and IU it cannot convert', () => {
    expect(codeOf(() => canonicalUnit('Pb', 'total', 'mg/L'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('Pb', 'total', 'IU/g'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('VITAMIN_A', 'total', 'IU/g'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('VITAMIN_E', 'all-rac-alpha-tocopherol', 'IU/g'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('Unobtainium', 'total', 'mg/kg'))).toBe('VALIDATION_FAILED');
  });
  it('converts IU only per gram: a volumetric IU unit is unknown even for vitamin D', () => {
    expect(codeOf(() => canonicalUnit('VITAMIN_D', 'D3', 'IU/mL'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('VITAMIN_E', 'RRR-alpha-tocopherol', 'IU'))).toBe('UNKNOWN_UNIT');
  });
  it('names the refused field and the value the submitter must correct', () => {
    expect(messagesOf(() => canonicalUnit('Pb', 'total', 'mg/L'))).toEqual(['UNKNOWN_UNIT:unit']);
    expect(refusalMessageOf(() => canonicalUnit('Pb', 'total', 'mg/L'))).toBe('unknown unit mg/L for Pb');
    expect(messagesOf(() => canonicalUnit('VITAMIN_A', 'total', 'IU/g'))).toEqual(['UNKNOWN_UNIT:unit']);
    expect(refusalMessageOf(() => canonicalUnit('VITAMIN_A', 'total', 'IU/g'))).toBe(
      'IU cannot be converted for VITAMIN_A (total)',
    );
    expect(messagesOf(() => canonicalUnit('Unobtainium', 'total', 'mg/kg'))).toEqual([
      'VALIDATION_FAILED:analyte',
    ]);
    expect(refusalMessageOf(() => canonicalUnit('Unobtainium', 'total', 'mg/kg'))).toBe(
      'unknown analyte Unobtainium',
    );
  });
  it('knows no unit, analyte or form by a name every object inherits', () => {
    expect(codeOf(() => canonicalUnit('Pb', 'total', 'constructor'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('Pb', 'total', 'toString'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('toString', 'total', 'mg/kg'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => canonicalUnit('VITAMIN_D', 'toString', 'IU/g'))).toBe('UNKNOWN_UNIT');
    expect(codeOf(() => canonicalUnit('constructor', 'total', 'IU/g'))).toBe('VALIDATION_FAILED');
    expect(analyteKind('constructor')).toBeUndefined();
    expect(isKnownSpecies('constructor', 'inorganic')).toBe(false);
  });
  it('rounds away binary noise only', () => {
    expect(roundSignificant(0.1 * 3)).toBe(0.3);
    expect(roundSignificant(0)).toBe(0);
    expect(roundSignificant(1.23456789012345)).toBe(1.23456789012);
  });
});

describe('USP <2232> per-serving limits (rule 22)', () => {
  it.each([
    [5, 10, 0.5],
    [15, 10, 1.5],
    [2, 10, 0.2],
    [5, 2.5, 2],
    [15, 3, 5],
    [2, 0.5, 4],
    [5, 3, 1.66666666667],
  ])('PDE %d µg/day at %d g/day = %d µg/g', (pde, serving, limit) => {
    expect(uspConcentrationLimit(pde, serving)).toBe(limit);
  });
  it('has no default serving', () => {
    expect(codeOf(() => applicableLimits({ regime: 'USP', applyChPBotanicalLimits: false }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(() => uspConcentrationLimit(5, 0))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => uspConcentrationLimit(5, -1))).toBe('VALIDATION_FAILED');
  });
  it('gives the 10 g/day table', () => {
    const limits = applicableLimits({ regime: 'USP', maxDailyServing_g: 10, applyChPBotanicalLimits: false });
    expect(limits.map((l) => [l.analyte, l.species, l.value])).toEqual([
      ['As', 'inorganic', 1.5],
      ['Cd', 'total', 0.5],
      ['Pb', 'total', 0.5],
      ['Hg', 'total', 1.5],
      ['Hg', 'MeHg', 0.2],
    ]);
    expect(limits[0]?.source).toBe('USP <2232> PDE 15 µg/day');
  });
});

describe('China limits (rule 24)', () => {
  const china = (extra: Partial<LimitContext>): LimitContext => ({
    regime: 'CHINA',
    applyChPBotanicalLimits: false,
    ...extra,
  });
  it('uses the GB 16740 fallback table', () => {
    const solid = applicableLimits(china({ healthFoodType: 'SOLID' }));
    expect(strictestLimit(solid, 'Hg', 'total')?.value).toBe(0.3);
    expect(strictestLimit(solid, 'Pb', 'total')).toMatchObject({
      value: 2.0,
      provisional: true,
      source: 'GB 16740-2014',
    });
    expect(strictestLimit(solid, 'As', 'total')?.value).toBe(1.0);
    expect(strictestLimit(applicableLimits(china({ healthFoodType: 'INFANT' })), 'Hg', 'total')?.value).toBe(
      0.02,
    );
    expect(strictestLimit(applicableLimits(china({ healthFoodType: 'TEA_BAG' })), 'Hg', 'total')?.value).toBe(
      0.3,
    );
    const liquid = applicableLimits(china({ healthFoodType: 'LIQUID' }));
    expect(strictestLimit(liquid, 'Pb', 'total')?.value).toBe(0.5);
    expect(strictestLimit(liquid, 'As', 'total')?.value).toBe(0.3);
    expect(applicableLimits(china({}))).toEqual([]);
  });
  it('prefers the mapped GB 2762 category', () => {
    const limits = applicableLimits(
      china({ healthFoodType: 'SOLID', gb2762Limits: [{ analyte: 'Pb', species: 'total', value: 0.8 }] }),
    );
    expect(limits).toEqual([{ analyte: 'Pb', species: 'total', value: 0.8, source: 'GB 2762-2022' }]);
    expect(applicableLimits(china({ healthFoodType: 'SOLID', gb2762Limits: [] }))).toHaveLength(3);
  });
  it('adds ChP botanical guidance only for botanicals when the policy says so; the strictest wins', () => {
    expect(applicableLimits(china({ healthFoodType: 'SOLID', botanical: true }))).toHaveLength(3);
    expect(applicableLimits(china({ healthFoodType: 'SOLID', applyChPBotanicalLimits: true }))).toHaveLength(
      3,
    );
    const both = applicableLimits(
      china({ healthFoodType: 'SOLID', botanical: true, applyChPBotanicalLimits: true }),
    );
    expect(both).toHaveLength(8);
    expect(strictestLimit(both, 'Hg', 'total')).toMatchObject({
      value: 0.2,
      source: 'ChP 2020 botanical guidance',
    });
    expect(strictestLimit(both, 'Pb', 'total')).toMatchObject({ value: 2.0, source: 'GB 16740-2014' });
    expect(strictestLimit(both, 'Cd', 'total')?.value).toBe(1);
    expect(strictestLimit(both, 'Cu', 'total')?.value).toBe(20);
    expect(strictestLimit(both, 'Sn', 'total')).toBeUndefined();
  });
});

describe('decision rules (rule 25)', () => {
  it.each([
    ['SIMPLE_ACCEPTANCE', 0.5, 0.1, 0.5, 'CONFORMS'],
    ['SIMPLE_ACCEPTANCE', 0.51, 0.1, 0.5, 'NON_CONFORMS'],
    ['GUARDED_ACCEPTANCE', 0.4, 0.1, 0.5, 'CONFORMS'],
    ['GUARDED_ACCEPTANCE', 0.1, 0.2, 0.3, 'CONFORMS'],
    ['GUARDED_ACCEPTANCE', 0.41, 0.1, 0.5, 'INCONCLUSIVE'],
    ['GUARDED_ACCEPTANCE', 0.5, 0.1, 0.5, 'INCONCLUSIVE'],
    ['GUARDED_ACCEPTANCE', 0.51, 0.1, 0.5, 'NON_CONFORMS'],
  ] as const)('%s: %d ± %d against %d → %s', (rule, value, U, limit, expected) => {
    expect(decide(rule, { value, U }, limit)).toBe(expected);
  });
  it('judges results below the LOQ by the LOQ', () => {
    expect(decide('SIMPLE_ACCEPTANCE', { value: 0.01, U: 0, loq: 0.05 }, 0.05)).toBe('CONFORMS');
    expect(decide('GUARDED_ACCEPTANCE', { value: 0.01, U: 0.01, loq: 0.05 }, 0.2)).toBe('CONFORMS');
    expect(decide('SIMPLE_ACCEPTANCE', { value: 0.01, U: 0, loq: 0.06 }, 0.05)).toBe('INCONCLUSIVE');
    expect(decide('SIMPLE_ACCEPTANCE', { value: 0.05, U: 0, loq: 0.05 }, 0.04)).toBe('NON_CONFORMS');
  });
});

describe('evaluation with speciation triggers (rule 23)', () => {
  const usp = applicableLimits({ regime: 'USP', maxDailyServing_g: 10, applyChPBotanicalLimits: false });
  const r = (analyte: string, species: string, value: number, U = 0) => ({ analyte, species, value, U });

  it('conforms total As at or below the inorganic-As limit without speciation', () => {
    const e = evaluateResults([r('As', 'total', 1.5)], usp, 'SIMPLE_ACCEPTANCE');
    expect(e).toEqual({
      verdicts: [
        {
          analyte: 'As',
          species: 'total',
          outcome: 'CONFORMS',
          decisionRule: 'SIMPLE_ACCEPTANCE',
          limit: 1.5,
          limitSource: 'USP <2232> PDE 15 µg/day',
        },
      ],
      speciation: [],
      overall: 'CONFORMS',
    });
  });
  it('requires inorganic As above the limit, and is satisfied by a conforming inorganic result', () => {
    const open = evaluateResults([r('As', 'total', 1.6)], usp, 'SIMPLE_ACCEPTANCE');
    expect(open.verdicts[0]?.outcome).toBe('SPECIATION_REQUIRED');
    expect(open.speciation).toEqual([
      {
        analyte: 'As',
        species: 'inorganic',
        limit: 1.5,
        reason: 'total As 1.6 µg/g > inorganic limit 1.5 µg/g',
        satisfied: false,
      },
    ]);
    expect(open.overall).toBe('SPECIATION_REQUIRED');
    const closed = evaluateResults(
      [r('As', 'total', 1.6), r('As', 'inorganic', 0.9)],
      usp,
      'SIMPLE_ACCEPTANCE',
    );
    expect(closed.speciation[0]?.satisfied).toBe(true);
    expect(closed.overall).toBe('CONFORMS');
    const failing = evaluateResults(
      [r('As', 'total', 1.6), r('As', 'inorganic', 1.55)],
      usp,
      'SIMPLE_ACCEPTANCE',
    );
    expect(failing.overall).toBe('NON_CONFORMS');
  });
  it('requires MeHg when total Hg reaches the MeHg limit', () => {
    expect(evaluateResults([r('Hg', 'total', 0.19)], usp, 'SIMPLE_ACCEPTANCE').speciation).toEqual([]);
    const reached = evaluateResults([r('Hg', 'total', 0.2)], usp, 'SIMPLE_ACCEPTANCE');
    expect(reached.speciation).toEqual([
      {
        analyte: 'Hg',
        species: 'MeHg',
        limit: 0.2,
        reason: 'total Hg 0.2 µg/g ≥ MeHg limit 0.2 µg/g',
        satisfied: false,
      },
    ]);
    expect(reached.verdicts[0]?.outcome).toBe('CONFORMS');
    expect(reached.overall).toBe('SPECIATION_REQUIRED');
  });
  it('reports inconclusive guarded results and lets non-conformity win', () => {
    expect(evaluateResults([r('Pb', 'total', 0.45, 0.1)], usp, 'GUARDED_ACCEPTANCE').overall).toBe(
      'INCONCLUSIVE',
    );
    expect(
      evaluateResults([r('As', 'total', 1.45, 0.1)], usp, 'GUARDED_ACCEPTANCE').verdicts[0]?.outcome,
    ).toBe('INCONCLUSIVE');
    expect(
      evaluateResults(
        [r('Pb', 'total', 0.45, 0.1), r('Cd', 'total', 0.6), r('As', 'total', 2)],
        usp,
        'GUARDED_ACCEPTANCE',
      ).overall,
    ).toBe('NON_CONFORMS');
  });
  it('marks results no limit names', () => {
    const e = evaluateResults([r('Zn', 'total', 100), r('As', 'DMA', 1)], usp, 'SIMPLE_ACCEPTANCE');
    expect(e.verdicts.map((v) => v.outcome)).toEqual(['NO_LIMIT', 'NO_LIMIT']);
    expect(e.overall).toBe('CONFORMS');
    const noInorganicLimit = evaluateResults([r('As', 'total', 100)], [], 'SIMPLE_ACCEPTANCE');
    expect(noInorganicLimit.verdicts[0]?.outcome).toBe('NO_LIMIT');
    expect(noInorganicLimit.speciation).toEqual([]);
  });
});
