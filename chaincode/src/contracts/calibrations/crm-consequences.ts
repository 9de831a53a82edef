/**
 * What a bad CRM does after the fact (rules 10, 14, 33): every instrument whose current
 * calibration used it is suspended, and every lot tested with a calibration that used it goes on
 * hold, with everything made from it.
 */
import type { InstrumentRecord, SuspensionCause } from '../../model/lab/instrument';
import type { AllianceContext } from '../context';
import { holdLots, lotsTestedWithCalibration } from '../lab-holds';
import { loadInstrument, saveInstrument } from '../instruments/records';
import { suspendInstrument } from '../instruments/suspend';
import { CALIBRATION_BY_CRM, type CalibrationIndexEntry } from './keys';

/** What the consequences touched. */
export interface CrmConsequences {
  suspendedInstruments: string[];
  heldLots: string[];
}

/**
 * Applies the consequences of `cause` (CRM_REVOKED or CRM_EXPIRED) for `crmId`. Lots are held
 * only for a revocation: an expiry does not make earlier results untraceable.
 */
export async function applyCrmConsequences(
  ctx: AllianceContext,
  crmId: string,
  cause: Extract<SuspensionCause, 'CRM_REVOKED' | 'CRM_EXPIRED'>,
  reason: string,
): Promise<CrmConsequences> {
  const uses = await ctx.store.list<CalibrationIndexEntry>(CALIBRATION_BY_CRM, [crmId]);
  const calibrations = new Set(uses.map((u) => u.value.calibrationId));
  const suspended: string[] = [];
  for (const instrumentId of [...new Set(uses.map((u) => u.value.instrumentId))].sort()) {
    const instrument: InstrumentRecord = await loadInstrument(ctx, instrumentId);
    const current = instrument.currentCalibrationId;
    if (current === undefined || !calibrations.has(current) || instrument.qualification.state === 'RETIRED')
      continue;
    const next = await suspendInstrument(ctx, instrument, cause, crmId, ctx.now, reason);
    await saveInstrument(ctx, instrument, next, reason);
    suspended.push(instrumentId);
  }
  const heldLots: string[] = [];
  if (cause === 'CRM_REVOKED') {
    const lots = new Set<string>();
    for (const calibrationId of [...calibrations].sort()) {
      for (const lot of await lotsTestedWithCalibration(ctx, calibrationId)) lots.add(lot);
    }
    heldLots.push(...(await holdLots(ctx, [...lots].sort(), { kind: 'CRM_REVOKED', refId: crmId, reason })));
  }
  return { suspendedInstruments: suspended, heldLots };
}
