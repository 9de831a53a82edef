/**
 * Reading and changing instrument records. A change bumps the version, stamps actor and ledger
 * time, and appends to the qualification timeline whenever the state or expiry moves, so the
 * state at any past instant stays answerable.
 */
import { AllianceError } from '../../model/errors';
import type { InstrumentRecord, QualificationStatus } from '../../model/lab/instrument';
import { instantMs } from '../../rules/lab/time';
import type { AllianceContext } from '../context';
import { requireOwner } from '../lab-records';
import { instrumentKey } from './keys';

/** The instrument, or NOT_FOUND. */
export async function loadInstrument(ctx: AllianceContext, instrumentId: string): Promise<InstrumentRecord> {
  return ctx.store.mustGet<InstrumentRecord>(
    instrumentKey(ctx.store, instrumentId),
    'NOT_FOUND',
    `instrument ${instrumentId}`,
  );
}

/** The instrument, which the caller's lab must own. */
export async function loadOwnInstrument(
  ctx: AllianceContext,
  instrumentId: string,
): Promise<InstrumentRecord> {
  const instrument = await loadInstrument(ctx, instrumentId);
  requireOwner(ctx, instrument.ownerMspId, `instrument ${instrumentId}`);
  if (instrument.qualification.state === 'RETIRED') {
    throw new AllianceError('INVALID_STATE', `instrument ${instrumentId} is retired`);
  }
  return instrument;
}

/**
 * The instant a state change takes effect: the event's own time, but never before the last
 * timeline entry (the timeline stays ordered even when events are entered late).
 */
export function effectiveAt(instrument: InstrumentRecord, eventAt: string): string {
  const last = instrument.timeline[instrument.timeline.length - 1];
  const at = new Date(instantMs(eventAt)).toISOString();
  return last !== undefined && instantMs(last.at) > instantMs(at) ? last.at : at;
}

/** The instrument with a new qualification status, its timeline extended when the state or expiry moved. */
export function withStatus(
  instrument: InstrumentRecord,
  status: QualificationStatus,
  at: string,
  reason: string,
  refId: string,
): InstrumentRecord {
  const before = instrument.qualification;
  const moved = before.state !== status.state || before.qualifiedUntil !== status.qualifiedUntil;
  const entry = { at, state: status.state, reason, refId };
  const timeline = moved
    ? [
        ...instrument.timeline,
        status.qualifiedUntil === undefined ? entry : { ...entry, qualifiedUntil: status.qualifiedUntil },
      ]
    : instrument.timeline;
  return { ...instrument, qualification: status, timeline };
}

/** Writes a changed instrument (version + 1, updated stamp) and emits `instrument.state-changed` when it moved. */
export async function saveInstrument(
  ctx: AllianceContext,
  before: InstrumentRecord,
  after: InstrumentRecord,
  reason?: string,
): Promise<void> {
  const next: InstrumentRecord = { ...after, version: before.version + 1, updated: ctx.stamp(reason) };
  await ctx.store.put(instrumentKey(ctx.store, next.instrumentId), next);
  if (before.qualification.state !== next.qualification.state) {
    ctx.emit(
      'instrument.state-changed',
      { kind: 'instrument', id: next.instrumentId },
      {
        from: before.qualification.state,
        to: next.qualification.state,
        qualifiedUntil: next.qualification.qualifiedUntil ?? null,
      },
    );
  }
}
