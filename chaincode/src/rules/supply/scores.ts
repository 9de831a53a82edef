/**
 * Proficiency and comparison statistics (domain.md 4.1-4.3; ISO 13528, ISO 5725, Horwitz /
 * Thompson). Every function is a formula; choosing which one applies is `outcome.ts`'s job.
 */

/** z = (x - X) / σ_pt. */
export function zScore(x: number, assigned: number, sigmaPt: number): number {
  return (x - assigned) / sigmaPt;
}

/** z' = (x - X) / √(σ_pt² + u(X)²), for an assigned value whose uncertainty is not negligible. */
export function zPrimeScore(x: number, assigned: number, sigmaPt: number, uAssigned: number): number {
  return (x - assigned) / Math.sqrt(sigmaPt ** 2 + uAssigned ** 2);
}

/** ζ = (x - X) / √(u(x)² + u(X)²), with standard uncertainties. */
export function zetaScore(x: number, assigned: number, uX: number, uAssigned: number): number {
  return (x - assigned) / Math.sqrt(uX ** 2 + uAssigned ** 2);
}

/** E_n = (x - X) / √(U(x)² + U(X)²), with expanded (k = 2) uncertainties. */
export function enScore(x: number, assigned: number, expandedUx: number, expandedUAssigned: number): number {
  return (x - assigned) / Math.sqrt(expandedUx ** 2 + expandedUAssigned ** 2);
}

/**
 * Default factor for "u(X) is negligible": u(X) ≤ 0.3·σ_pt (domain.md open item 8, to be checked
 * against ISO 13528; a protocol may set its own).
 */
export const NEGLIGIBLE_UX_FACTOR = 0.3;

/** Whether z must give way to z' because u(X) exceeds `factor`·σ_pt. */
export function needsZPrime(sigmaPt: number, uAssigned: number, factor = NEGLIGIBLE_UX_FACTOR): boolean {
  return uAssigned > factor * sigmaPt;
}

/** Below this mass fraction (120 µg/kg) Thompson's constant 22 % applies. */
export const THOMPSON_LOW_FRACTION = 1.2e-7;
/** Above this mass fraction (13.8 %) Thompson's σ = 0.01·C^0.5 applies. */
export const THOMPSON_HIGH_FRACTION = 0.138;

/**
 * Horwitz-Thompson σ as a mass fraction for a concentration C given as a mass fraction
 * (1 mg/kg = 1e-6): 0.22·C below 120 µg/kg, 0.02·C^0.8495 (PRSD_R = 2·C^-0.1505 %) in the middle,
 * 0.01·C^0.5 above 13.8 %.
 */
export function horwitzSigma(massFraction: number): number {
  if (massFraction < THOMPSON_LOW_FRACTION) return 0.22 * massFraction;
  if (massFraction > THOMPSON_HIGH_FRACTION) return 0.01 * Math.sqrt(massFraction);
  return 0.02 * massFraction ** 0.8495;
}

/** Predicted reproducibility RSD in percent at a mass fraction (Horwitz with Thompson's regimes). */
export function horwitzPrsdPercent(massFraction: number): number {
  return (horwitzSigma(massFraction) / massFraction) * 100;
}

/** HorRat = observed RSD_R / predicted RSD_R; acceptable within 0.5-2.0. */
export function horRat(observedRsdPercent: number, predictedRsdPercent: number): number {
  return observedRsdPercent / predictedRsdPercent;
}

/** Whether a HorRat lies in the acceptable 0.5-2.0 range. */
export function horRatAcceptable(value: number): boolean {
  return value >= 0.5 && value <= 2;
}

/** Sample mean. */
export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/** Relative standard deviation in percent of some values (sample SD over mean). */
export function rsdPercent(values: readonly number[]): number {
  return (sampleSd(values) / mean(values)) * 100;
}

/**
 * Two-lab critical difference at 95 % (ISO 5725-6 form) for means of n1 and n2 replicates:
 * CD = √[(2.8 s_R)² − (2.8 s_r)²·(1 − 1/(2n1) − 1/(2n2))].
 */
export function criticalDifference(sR: number, sr: number, n1: number, n2: number): number {
  return Math.sqrt((2.8 * sR) ** 2 - (2.8 * sr) ** 2 * (1 - 1 / (2 * n1) - 1 / (2 * n2)));
}

/**
 * ISO 13528 consensus value: the median of the participants' results with its standard
 * uncertainty u = 1.25·s_star/√p with s_star = 1.483·MAD (the scaled median absolute deviation).
 */
export function consensusValue(values: readonly number[]): { value: number; uncertainty: number } {
  const value = median(values);
  const mad = median(values.map((v) => Math.abs(v - value)));
  return { value, uncertainty: (1.25 * 1.483 * mad) / Math.sqrt(values.length) };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
