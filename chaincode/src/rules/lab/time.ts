/**
 * Calendar arithmetic on ISO 8601 instants, in UTC, without reading any clock: every function
 * takes the instant it works from, so the same inputs give the same answer on every peer.
 */

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO 8601 instant; throws on text that is not one. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  }
  return ms;
}

/**
 * Adds calendar months in UTC. The day of month is clamped to the target month's length, so
 * 31 January + 1 month is 28 (or 29) February: a qualification never runs into the month after.
 */
export function addMonths(iso: string, months: number): string {
  const start = new Date(instantMs(iso));
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  const result = new Date(
    Date.UTC(
      year,
      month,
      day,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  );
  return result.toISOString();
}

/** Adds (or, with a negative count, subtracts) whole days of 24 hours. */
export function addDays(iso: string, days: number): string {
  return new Date(instantMs(iso) + days * DAY_MS).toISOString();
}

/** True when instant `a` is strictly before instant `b` (offsets taken into account). */
export function isBefore(a: string, b: string): boolean {
  return instantMs(a) < instantMs(b);
}

/** True when instant `a` is strictly after instant `b` (offsets taken into account). */
export function isAfter(a: string, b: string): boolean {
  return instantMs(a) > instantMs(b);
}
