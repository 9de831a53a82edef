/**
 * Expiry checks (rules 31 and 32). Expiry dates are calendar dates (GS1 AI 17); a lot is usable
 * through its expiry day and expired from the next day on, judged in UTC at ledger time.
 */

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whether a lot with this expiry date is expired at `at`. */
export function isExpiredAt(expiryDate: string, at: Date): boolean {
  return utcDate(at) > expiryDate;
}

/** The earliest of some expiry dates, or `undefined` for none. */
export function earliestExpiry(expiryDates: readonly string[]): string | undefined {
  let earliest: string | undefined;
  for (const date of expiryDates) if (earliest === undefined || date < earliest) earliest = date;
  return earliest;
}

/**
 * Why an output batch's expiry is not allowed, or `undefined`: it may not outlive its earliest
 * input unless a stability study justifies it.
 */
export function outputExpiryProblem(
  outputExpiry: string,
  inputExpiries: readonly string[],
  stabilityJustificationId: string | undefined,
): string | undefined {
  const earliest = earliestExpiry(inputExpiries);
  if (earliest === undefined || outputExpiry <= earliest) return undefined;
  if (stabilityJustificationId !== undefined) return undefined;
  return `output expiry ${outputExpiry} is after the earliest input expiry ${earliest} and no stability justification is linked`;
}
