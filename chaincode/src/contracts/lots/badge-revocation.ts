/**
 * Rule 36: the Trusted Source badge is "revoked automatically" when one of its conditions breaks.
 * A flag whose cause breaks one (a rejection or recall, a failed comparative verification, an
 * instrument found unqualified, a calibration or CRM found untraceable) revokes the badge of the
 * flagged lot's supplier for that material at once; `verdicts:AssessBadge` judges afresh later.
 * The badge is revoked outright rather than re-judged here because, without read-your-writes,
 * this transaction cannot see the rejection or hold it is writing.
 */
import type { HoldCause } from '../../model/supply/hold';
import type { LotRecord } from '../../model/supply/lot';
import type { BadgeRecord } from '../../model/supply/verdict';
import type { AllianceContext } from '../context';
import { SUPPLY_KEYS } from './keys';

/** Hold causes that break a condition of rule 36 for the supplier of the flagged lot. */
const BADGE_BREAKING: ReadonlySet<HoldCause['kind']> = new Set<HoldCause['kind']>([
  'REJECTED',
  'RECALLED',
  'VERIFICATION_FAILED',
  'INSTRUMENT_NOT_QUALIFIED',
  'CALIBRATION_NOT_TRACEABLE',
  'CRM_REVOKED',
]);

/**
 * Revokes the badges held by the suppliers of `lots` for their materials when `cause` breaks a
 * badge condition; emits `badge.revoked` for each.
 * @returns the `supplier/gtin` of every badge revoked
 */
export async function revokeBadgesOf(
  ctx: AllianceContext,
  lots: readonly LotRecord[],
  cause: HoldCause,
): Promise<string[]> {
  if (!BADGE_BREAKING.has(cause.kind)) return [];
  const revoked: string[] = [];
  for (const lot of lots) {
    const key = ctx.store.key(SUPPLY_KEYS.badge, [lot.originator, lot.gtin]);
    const badge = await ctx.store.get<BadgeRecord>(key);
    const id = `${lot.originator}/${lot.gtin}`;
    if (badge === undefined || revoked.includes(id) || (!badge.trustedSource && !badge.fastReview)) continue;
    const reason = `lot ${lot.id}: ${cause.kind} ${cause.refId}: ${cause.reason}`;
    await ctx.store.put(key, {
      ...badge,
      trustedSource: false,
      fastReview: false,
      reasons: [reason],
      assessed: ctx.stamp(reason),
    } satisfies BadgeRecord);
    ctx.emit(
      'badge.revoked',
      { kind: 'supplier', id: lot.originator },
      { gtin: lot.gtin, trustedSource: false, fastReview: false, reasons: [reason] },
    );
    revoked.push(id);
  }
  return revoked;
}
