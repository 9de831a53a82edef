/**
 * Automatic suspension of an instrument (rule 10) and its consequence: the lots tested on it
 * since its results came into doubt go on hold for additional verification (rule 33).
 */
import type { InstrumentRecord, SuspensionCause } from '../../model/lab/instrument';
import { suspectSince, suspend } from '../../rules/lab/suspension';
import type { AllianceContext } from '../context';
import { holdLots, lotsTestedOnInstrumentSince } from '../lab-holds';
import { effectiveAt, withStatus } from './records';

/**
 * The instrument suspended for `cause` from `eventAt` on (never before its last timeline entry).
 * Emits `instrument.suspended` and holds the affected lots. The caller saves the record.
 */
export async function suspendInstrument(
  ctx: AllianceContext,
  instrument: InstrumentRecord,
  cause: SuspensionCause,
  refId: string,
  eventAt: string,
  reason: string,
): Promise<InstrumentRecord> {
  const at = effectiveAt(instrument, eventAt);
  const status = suspend(instrument.qualification, instrument.uspGroup, cause, refId, at);
  const since = suspectSince(cause, at, instrument.lastPassingCheckAt);
  const lots = await lotsTestedOnInstrumentSince(ctx, instrument.instrumentId, since);
  const held = await holdLots(ctx, lots, {
    kind: 'INSTRUMENT_NOT_QUALIFIED',
    refId: instrument.instrumentId,
    reason,
  });
  ctx.emit(
    'instrument.suspended',
    { kind: 'instrument', id: instrument.instrumentId },
    { cause, refId, reason, since, requalifyFrom: status.suspension?.requalifyFrom ?? null, heldLots: held },
  );
  return withStatus(instrument, status, at, `suspended: ${cause}`, refId);
}
