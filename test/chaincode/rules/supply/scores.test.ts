import {
  consensusValue,
  criticalDifference,
  enScore,
  horRat,
  horRatAcceptable,
  horwitzPrsdPercent,
  horwitzSigma,
  mean,
  median,
  needsZPrime,
  rsdPercent,
  sampleSd,
  zetaScore,
  zPrimeScore,
  zScore,
} from '../../../../chaincode/src/rules/supply/scores';

describe('ISO 13528 scores (domain.md 4.1)', () => {
  it('computes z, z prime, zeta and En on worked numbers', () => {
    // x = 1.30 mg/kg, X = 1.00, σ_pt = 0.16 (Horwitz at 1 mg/kg)
    expect(zScore(1.3, 1, 0.16)).toBeCloseTo(1.875, 10);
    expect(zScore(0.7, 1, 0.16)).toBeCloseTo(-1.875, 10);
    // u(X) = 0.12: √(0.16² + 0.12²) = 0.2
    expect(zPrimeScore(1.3, 1, 0.16, 0.12)).toBeCloseTo(1.5, 10);
    // u(x) = 0.1, u(X) = 0.05: 0.3 / √0.0125
    expect(zetaScore(1.3, 1, 0.1, 0.05)).toBeCloseTo(2.6832815729997472, 10);
    // U(x) = 0.2, U(X) = 0.1: 0.3 / √0.05
    expect(enScore(1.3, 1, 0.2, 0.1)).toBeCloseTo(1.3416407864998736, 10);
  });

  it('switches to z prime only when u(X) exceeds 0.3 σ_pt', () => {
    expect(needsZPrime(0.1, 0.03)).toBe(false);
    expect(needsZPrime(0.1, 0.0301)).toBe(true);
    expect(needsZPrime(0.1, 0.03, 0.2)).toBe(true);
  });
});

describe('Horwitz / Thompson (domain.md 4.3)', () => {
  it.each([
    // domain.md's table to one decimal; 1.5 mg/kg is 15.05 % there rounded up to 15.1
    [0.2e-6, 20.38],
    [0.5e-6, 17.76],
    [1e-6, 16.0],
    [1.5e-6, 15.05],
    [1e-3, 5.66],
    [1e-2, 4.0],
  ])('PRSD_R at mass fraction %d is %d %%', (c, expected) => {
    expect(horwitzPrsdPercent(c)).toBeCloseTo(expected, 2);
  });

  it('uses 22 % below 120 µg/kg and Horwitz from 120 µg/kg', () => {
    expect(horwitzPrsdPercent(0.12e-6 * 0.999)).toBeCloseTo(22, 10);
    expect(horwitzPrsdPercent(0.05e-6)).toBeCloseTo(22, 10);
    expect(horwitzPrsdPercent(1.2e-7)).toBeCloseTo(22.0097, 3);
  });

  it('uses σ = 0.01·C^0.5 above 13.8 %', () => {
    expect(horwitzSigma(0.25)).toBeCloseTo(0.005, 12);
    expect(horwitzPrsdPercent(0.25)).toBeCloseTo(2, 10);
    expect(horwitzPrsdPercent(0.138)).toBeCloseTo(2.6945, 3);
    expect(horwitzSigma(1e-6)).toBeCloseTo(0.02 * 1e-6 ** 0.8495, 15);
  });

  it('computes HorRat and its 0.5-2.0 acceptance', () => {
    expect(horRat(24, 16)).toBe(1.5);
    expect(horRatAcceptable(0.5)).toBe(true);
    expect(horRatAcceptable(2)).toBe(true);
    expect(horRatAcceptable(0.49)).toBe(false);
    expect(horRatAcceptable(2.01)).toBe(false);
  });
});

describe('ISO 5725 critical difference (domain.md 4.2)', () => {
  it('computes CD for two labs with 3 replicates each', () => {
    // s_R = 0.16, s_r = 0.67 s_R, n1 = n2 = 3: √(0.200704 − 0.0900962·(2/3))
    expect(criticalDifference(0.16, 0.67 * 0.16, 3, 3)).toBeCloseTo(0.3750199767123523, 12);
    // with single determinations CD = 2.8 s_R
    expect(criticalDifference(0.16, 0.1, 1, 1)).toBeCloseTo(0.448, 12);
    expect(criticalDifference(0.16, 0.1, 2, 4)).toBeCloseTo(
      Math.sqrt(0.200704 - 0.0784 * (1 - 0.25 - 0.125)),
      12,
    );
  });
});

describe('descriptive statistics', () => {
  it('computes mean, sample SD, RSD and median', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 12);
    expect(sampleSd([5])).toBe(0);
    expect(rsdPercent([0.9, 1.1])).toBeCloseTo(14.142135623730951, 10);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('computes the consensus value with u = 1.25·1.483·MAD/√p', () => {
    const c = consensusValue([1.0, 1.1, 0.9, 1.4]);
    expect(c.value).toBeCloseTo(1.05, 12);
    // deviations 0.05, 0.05, 0.15, 0.35 -> MAD 0.1
    expect(c.uncertainty).toBeCloseTo((1.25 * 1.483 * 0.1) / 2, 12);
  });
});
