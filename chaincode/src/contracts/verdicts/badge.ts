/**
 * TRUSTED_SOURCE and FAST_REVIEW on the ledger (rules 36-37): the facts of every lot the supplier
 * registered for a material are gathered and judged by the badge rule over the policy's rolling
 * window. The badge record changes (and an event says so) only when the finding changes.
 */
import { assessBadge, type BadgeLotRecord } from '../../rules/supply/badge';
import type { HoldRecord } from '../../model/supply/hold';
import type { LotEventRecord } from '../../model/supply/epcis';
import type { LotRecord } from '../../model/supply/lot';
import type { BadgeInput, BadgeRecord } from '../../model/supply/verdict';
import type { LedgerStore } from '../../ledger/store';
import type { AllianceContext } from '../context';
import { SUPPLY_KEYS } from '../lots/keys';
import { loadLot } from '../lots/records';
import { assessLotRelease } from '../lots/release-check';
import { VERIFICATION_KEYS } from '../verifications/keys';

/** Key of the badge of a supplier and material. */
export const badgeKey = (store: LedgerStore, supplier: string, gtin: string): string =>
  store.key(SUPPLY_KEYS.badge, [supplier, gtin]);

/** The badge rule's view of one lot. */
async function lotFacts(ctx: AllianceContext, lot: LotRecord): Promise<BadgeLotRecord> {
  const assessment = await assessLotRelease(ctx, lot);
  const covering = assessment.lab.reports.filter((r) => assessment.coveringReports.includes(r.reportId));
  const events = await ctx.store.list<LotEventRecord>(SUPPLY_KEYS.lotEvent, [lot.id]);
  const holds = await ctx.store.list<HoldRecord>(SUPPLY_KEYS.hold, [lot.id]);
  return {
    lotId: lot.id,
    ...(lot.releasedAt === undefined ? {} : { releasedAt: lot.releasedAt }),
    ...(lot.rejectedAt === undefined ? {} : { rejectedAt: lot.rejectedAt }),
    ...(lot.recalledAt === undefined ? {} : { recalledAt: lot.recalledAt }),
    verifiedRecognizedT1:
      covering.length > 0 && covering.every((r) => r.verified && r.recognition === 'RECOGNIZED' && r.t1),
    instrumentsQualified: assessment.lab.reports.every((r) => r.instrumentsQualified),
    lateEntry: events.some((e) => e.value.lateEntry) || assessment.lab.reports.some((r) => r.lateEntry),
    manualException: holds.some((h) => h.value.cause.kind === 'MANUAL'),
  };
}

/** Judges the badge now and records it when the finding changed. */
export async function assessSupplierBadge(ctx: AllianceContext, input: BadgeInput): Promise<BadgeRecord> {
  const { parameters, version } = await ctx.policy();
  const entries = await ctx.store.list<{ lotId: string }>(SUPPLY_KEYS.supplierLots, [
    input.supplier,
    input.gtin,
  ]);
  const lots: BadgeLotRecord[] = [];
  const unsatisfactoryAt: string[] = [];
  for (const { value } of entries) {
    lots.push(await lotFacts(ctx, await loadLot(ctx, value.lotId)));
    const failed = await ctx.store.list<{ at: string }>(VERIFICATION_KEYS.unsatisfactory, [value.lotId]);
    unsatisfactoryAt.push(...failed.map((f) => f.value.at));
  }
  const finding = assessBadge(lots, unsatisfactoryAt, parameters.trustedSource, ctx.ledgerTime);
  const key = badgeKey(ctx.store, input.supplier, input.gtin);
  const before = await ctx.store.get<BadgeRecord>(key);
  const record: BadgeRecord = { ...input, ...finding, policyVersion: version, assessed: ctx.stamp() };
  if (before?.trustedSource !== finding.trustedSource || before.fastReview !== finding.fastReview) {
    await ctx.store.put(key, record);
    const change = finding.trustedSource
      ? before?.trustedSource === true
        ? 'changed'
        : 'granted'
      : before?.trustedSource === true
        ? 'revoked'
        : 'withheld';
    ctx.emit(
      `badge.${change}`,
      { kind: 'supplier', id: input.supplier },
      {
        gtin: input.gtin,
        trustedSource: finding.trustedSource,
        fastReview: finding.fastReview,
        reasons: finding.reasons,
      },
    );
    return record;
  }
  return before;
}
