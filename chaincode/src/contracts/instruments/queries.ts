/**
 * Cross-area query on instruments (chaincode-api.md, "Cross-area hooks"): the qualification
 * state at any instant, read from the instrument's append-only timeline.
 */
import type { QualificationState } from '../../model/lab/instrument';
import { stateAt } from '../../rules/lab/timeline';
import type { AllianceContext } from '../context';
import { loadInstrument } from './records';

/**
 * The instrument's qualification state at `at` (DUE_SOON and EXPIRED computed), or undefined
 * before it was registered.
 * @throws AllianceError NOT_FOUND for an unknown instrument.
 */
export async function instrumentStateAt(
  ctx: AllianceContext,
  instrumentId: string,
  at: Date,
): Promise<QualificationState | undefined> {
  const instrument = await loadInstrument(ctx, instrumentId);
  const { dueSoonDays } = (await ctx.policy()).parameters;
  return stateAt(instrument.timeline, at.toISOString(), dueSoonDays);
}
