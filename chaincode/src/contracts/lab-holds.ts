/**
 * When lab evidence turns bad after the fact (an instrument suspended, a CRM revoked, a
 * calibration found untraceable), the lots tested with it, and everything made from them, go on
 * hold for additional verification (rules 14, 33) through the supply area's propagation hook.
 */
import type { HoldCause } from '../model/supply/hold';
import { instantMs } from '../rules/lab/time';
import type { AllianceContext } from './context';
import { flagForAdditionalVerification } from './lots/propagate';
import { RUN_BY_CALIBRATION, RUN_BY_INSTRUMENT, type RunIndexEntry } from './runs/keys';

/** The lots whose runs on `instrumentId` ended at or after `since`. */
export async function lotsTestedOnInstrumentSince(
  ctx: AllianceContext,
  instrumentId: string,
  since: string,
): Promise<string[]> {
  const from = instantMs(since);
  const entries = await ctx.store.list<RunIndexEntry>(RUN_BY_INSTRUMENT, [instrumentId]);
  return unique(entries.filter((e) => instantMs(e.value.endedAt) >= from).map((e) => e.value.lotId));
}

/** The lots tested with runs that used `calibrationId`. */
export async function lotsTestedWithCalibration(
  ctx: AllianceContext,
  calibrationId: string,
): Promise<string[]> {
  const entries = await ctx.store.list<RunIndexEntry>(RUN_BY_CALIBRATION, [calibrationId]);
  return unique(entries.map((e) => e.value.lotId));
}

/** Holds `lotIds` (and everything downstream) for `cause`; does nothing for an empty list. */
export async function holdLots(
  ctx: AllianceContext,
  lotIds: readonly string[],
  cause: HoldCause,
): Promise<string[]> {
  if (lotIds.length === 0) {
    return [];
  }
  return flagForAdditionalVerification(ctx, [...lotIds], cause);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
