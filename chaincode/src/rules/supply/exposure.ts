/**
 * Daily-exposure check on a finished batch (rule 34): for each element, the sum over its inputs
 * of concentration x grams per maximum daily serving must not exceed the element's PDE.
 */

/** One input of the batch as the exposure check sees it. */
export interface ExposureInput {
  /** The input lot. */
  lotId: string;
  /** Grams of this ingredient per maximum daily serving (formula master). */
  gramsPerServing: number;
  /** Latest conforming concentration per element, in µg/g; an element absent here has no result. */
  concentrationsUgPerG: Readonly<Record<string, number>>;
}

/** The finding for one element. */
export interface ElementExposure {
  /** Element / species, as the PDE table names it. */
  element: string;
  /** PDE in µg/day. */
  pdeUgPerDay: number;
  /** Daily exposure in µg, when it could be computed. */
  exposureUgPerDay?: number;
  /** Where the figure comes from: the inputs, the batch's own result, or nowhere yet. */
  basis: 'INPUTS' | 'FINISHED_PRODUCT' | 'MISSING';
  /** Input lots without a result for the element (why the batch's own result was needed). */
  lotsWithoutResult: string[];
  /** Whether exposure is within the PDE; false when it could not be computed. */
  withinPde: boolean;
}

/**
 * Evaluates every element of the PDE table. An element some input lacks falls back to the
 * batch's own finished-product result (µg/g x maximum daily serving in g); without one it is
 * MISSING and fails.
 */
export function checkDailyExposure(
  inputs: readonly ExposureInput[],
  pdeUgPerDay: Readonly<Record<string, number>>,
  finished: { maxDailyServingG: number; concentrationsUgPerG: Readonly<Record<string, number>> },
): ElementExposure[] {
  return Object.keys(pdeUgPerDay)
    .sort()
    .map((element) => {
      const pde = pdeUgPerDay[element] ?? 0;
      const lotsWithoutResult = inputs
        .filter((i) => i.concentrationsUgPerG[element] === undefined)
        .map((i) => i.lotId);
      if (lotsWithoutResult.length === 0) {
        const exposure = inputs.reduce(
          (sum, i) => sum + (i.concentrationsUgPerG[element] ?? 0) * i.gramsPerServing,
          0,
        );
        return finding(element, pde, exposure, 'INPUTS', lotsWithoutResult);
      }
      const own = finished.concentrationsUgPerG[element];
      if (own === undefined) {
        return { element, pdeUgPerDay: pde, basis: 'MISSING', lotsWithoutResult, withinPde: false };
      }
      return finding(element, pde, own * finished.maxDailyServingG, 'FINISHED_PRODUCT', lotsWithoutResult);
    });
}

function finding(
  element: string,
  pde: number,
  exposure: number,
  basis: 'INPUTS' | 'FINISHED_PRODUCT',
  lotsWithoutResult: string[],
): ElementExposure {
  return {
    element,
    pdeUgPerDay: pde,
    exposureUgPerDay: exposure,
    basis,
    lotsWithoutResult,
    withinPde: exposure <= pde,
  };
}
