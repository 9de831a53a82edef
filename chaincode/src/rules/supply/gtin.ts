/**
 * GS1 identifiers for lots: the GTIN-14 check digit and the LGTIN (GTIN + batch/lot, AI 01 + AI 10)
 * that the alliance uses as the id of every lot and batch.
 */

/** The characters GS1 allows in AI 10 (batch/lot): the "character set 82" minus nothing we need. */
const LOT_PATTERN = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

/**
 * The GS1 check digit of a key's leading digits: weights 3 and 1 alternate from the right,
 * the check digit brings the weighted sum up to the next multiple of ten.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a GTIN was refused, or `undefined` when it is a valid GTIN-14. */
export function gtin14Problem(gtin: string): string | undefined {
  if (!/^\d{14}$/.test(gtin)) return 'a GTIN-14 is exactly 14 digits';
  const expected = gs1CheckDigit(gtin.slice(0, 13));
  if (Number(gtin[13]) !== expected) return `check digit must be ${expected}`;
  return undefined;
}

/** Why a lot number was refused (GS1 AI 10: 1-20 characters of set 82), or `undefined`. */
export function lotNumberProblem(lot: string): string | undefined {
  return LOT_PATTERN.test(lot) ? undefined : 'a lot number is 1-20 GS1 AI 10 characters (no spaces)';
}

/** The alliance's lot id: `${gtin}.${lot}`. */
export function lgtin(gtin: string, lot: string): string {
  return `${gtin}.${lot}`;
}

/** Splits a lot id into GTIN and lot, or returns a reason it is not a valid LGTIN. */
export function parseLgtin(id: string): { gtin: string; lot: string } | { problem: string } {
  const dot = id.indexOf('.');
  if (dot < 0) return { problem: 'an LGTIN is "<GTIN-14>.<lot>"' };
  const gtin = id.slice(0, dot);
  const lot = id.slice(dot + 1);
  const problem = gtin14Problem(gtin) ?? lotNumberProblem(lot);
  return problem === undefined ? { gtin, lot } : { problem };
}
