import {
  earliestExpiry,
  isExpiredAt,
  outputExpiryProblem,
  utcDate,
} from '../../../../chaincode/src/rules/supply/expiry';
import { checkDailyExposure, type ExposureInput } from '../../../../chaincode/src/rules/supply/exposure';

describe('expiry (rules 31-32)', () => {
  it('uses the UTC calendar day and keeps the lot usable through its expiry day', () => {
    expect(utcDate(new Date('2026-05-01T23:30:00-02:00'))).toBe('2026-05-02');
    expect(isExpiredAt('2026-05-01', new Date('2026-05-01T23:59:59Z'))).toBe(false);
    expect(isExpiredAt('2026-05-01', new Date('2026-05-02T00:00:00Z'))).toBe(true);
    expect(isExpiredAt('2026-05-01', new Date('2026-04-30T00:00:00Z'))).toBe(false);
  });

  it('finds the earliest expiry', () => {
    expect(earliestExpiry(['2027-01-01', '2026-06-30', '2026-12-31'])).toBe('2026-06-30');
    expect(earliestExpiry([])).toBeUndefined();
  });

  it('lets an output expire no later than its earliest input unless stability is justified', () => {
    const inputs = ['2027-01-01', '2026-06-30'];
    expect(outputExpiryProblem('2026-06-30', inputs, undefined)).toBeUndefined();
    expect(outputExpiryProblem('2026-06-01', inputs, undefined)).toBeUndefined();
    expect(outputExpiryProblem('2026-07-01', inputs, undefined)).toBe(
      'output expiry 2026-07-01 is after the earliest input expiry 2026-06-30 and no stability justification is linked',
    );
    expect(outputExpiryProblem('2026-07-01', inputs, 'STAB-1')).toBeUndefined();
    expect(outputExpiryProblem('2030-01-01', [], undefined)).toBeUndefined();
  });
});

describe('daily exposure (rule 34)', () => {
  const pde = { Pb: 5, Cd: 5 };
  it('sums concentration x grams per serving over the inputs', () => {
    // Pb: 0.5 µg/g x 4 g + 1.0 µg/g x 2 g = 4 µg/day <= 5; Cd: 2 x 4 + 0.1 x 2 = 8.2 > 5
    const r = checkDailyExposure(
      [
        { lotId: 'a', gramsPerServing: 4, concentrationsUgPerG: { Pb: 0.5, Cd: 2 } },
        { lotId: 'b', gramsPerServing: 2, concentrationsUgPerG: { Pb: 1, Cd: 0.1 } },
      ],
      pde,
      { maxDailyServingG: 6, concentrationsUgPerG: {} },
    );
    expect(r).toEqual([
      {
        element: 'Cd',
        pdeUgPerDay: 5,
        exposureUgPerDay: 8.2,
        basis: 'INPUTS',
        lotsWithoutResult: [],
        withinPde: false,
      },
      {
        element: 'Pb',
        pdeUgPerDay: 5,
        exposureUgPerDay: 4,
        basis: 'INPUTS',
        lotsWithoutResult: [],
        withinPde: true,
      },
    ]);
  });

  it('accepts exposure exactly at the PDE', () => {
    const r = checkDailyExposure(
      [{ lotId: 'a', gramsPerServing: 5, concentrationsUgPerG: { Pb: 1 } }],
      { Pb: 5 },
      {
        maxDailyServingG: 5,
        concentrationsUgPerG: {},
      },
    );
    expect(r[0]?.withinPde).toBe(true);
  });

  it('falls back to the finished-product result when an input lacks one, and fails without it', () => {
    const inputs: ExposureInput[] = [
      { lotId: 'a', gramsPerServing: 4, concentrationsUgPerG: { Pb: 0.5 } },
      { lotId: 'b', gramsPerServing: 2, concentrationsUgPerG: {} },
    ];
    const withOwn = checkDailyExposure(
      inputs,
      { Pb: 5 },
      { maxDailyServingG: 6, concentrationsUgPerG: { Pb: 0.9 } },
    );
    expect(withOwn).toEqual([
      {
        element: 'Pb',
        pdeUgPerDay: 5,
        exposureUgPerDay: 5.4,
        basis: 'FINISHED_PRODUCT',
        lotsWithoutResult: ['b'],
        withinPde: false,
      },
    ]);
    const without = checkDailyExposure(inputs, { Pb: 5 }, { maxDailyServingG: 6, concentrationsUgPerG: {} });
    expect(without).toEqual([
      { element: 'Pb', pdeUgPerDay: 5, basis: 'MISSING', lotsWithoutResult: ['b'], withinPde: false },
    ]);
  });
});
