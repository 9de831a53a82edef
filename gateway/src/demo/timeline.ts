/**
 * The demo's clock. Chaincode rules check client times against ledger time (nothing more than
 * five minutes ahead; older than 72 h is a late entry) and an instrument's history starts when it
 * is registered. So the supply steps are laid out over the last day, while the lab's work —
 * qualification, calibration, checks and runs — happens as the demo runs, its day compressed into
 * seconds: every lab time is the wall clock when the step is taken, strictly increasing.
 */

const HOUR_MS = 3_600_000;

/** Instants of the story, as ISO strings. */
export interface Timeline {
  /** The instant `hours` after the story's start, a day ago (fractions allowed). */
  at(hours: number): string;
  /** The ISO date (yyyy-mm-dd) `days` after the start. */
  date(days: number): string;
  /** The wall clock now, never equal to or before an instant this method returned earlier. */
  now(): string;
}

/** The ISO instant `hours` after `iso`. */
export function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();
}

/**
 * A timeline whose story starts `hoursAgo` hours before the clock, on a whole minute.
 * @param clock - the current time (injectable for tests)
 */
export function newTimeline(clock: () => Date = () => new Date(), hoursAgo = 26): Timeline {
  const start = Math.floor((clock().getTime() - hoursAgo * HOUR_MS) / 60_000) * 60_000;
  let last = 0;
  return {
    at: (hours) => new Date(start + hours * HOUR_MS).toISOString(),
    date: (days) => new Date(start + days * 24 * HOUR_MS).toISOString().slice(0, 10),
    now: () => {
      last = Math.max(clock().getTime(), last + 1);
      return new Date(last).toISOString();
    },
  };
}
