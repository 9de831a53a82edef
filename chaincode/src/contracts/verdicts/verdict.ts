/**
 * The verdict on a lot or batch (8.9): releasable (rule 31, 33, 34) and trusted, with every reason
 * and the ids of the evidence (reports, runs, instruments, calibrations, verifications, holds).
 */
import type { LotEventRecord } from '../../model/supply/epcis';
import type { LotRecord } from '../../model/supply/lot';
import type { BadgeRecord, Verdict, VerdictReason } from '../../model/supply/verdict';
import type { AllianceContext } from '../context';
import { SUPPLY_KEYS } from '../lots/keys';
import { effectiveState, loadLot } from '../lots/records';
import { assessLotRelease } from '../lots/release-check';
import { badgeKey } from './badge';

/** States from which a lot can still be (or is) released. */
const LIVE_STATES = new Set(['CREATED', 'RECEIVED', 'SAMPLED', 'UNDER_TEST', 'RELEASED']);

/** Computes the verdict on `lotId` at ledger time. */
export async function verdictFor(ctx: AllianceContext, lotId: string): Promise<Verdict> {
  const lot = await loadLot(ctx, lotId);
  const state = await effectiveState(ctx, lot);
  const assessment = await assessLotRelease(ctx, lot);
  const reasons: VerdictReason[] = [...assessment.reasons];
  if (!LIVE_STATES.has(state)) reasons.unshift({ code: 'STATE', message: `the lot is ${state}` });
  const releasable = reasons.length === 0;
  const trustReasons: VerdictReason[] = [];
  for (const r of assessment.lab.reports.filter((x) => assessment.coveringReports.includes(x.reportId))) {
    if (!r.t1)
      trustReasons.push({
        code: 'NOT_T1',
        reportId: r.reportId,
        message: `report ${r.reportId} rests on calibration traceability below T1`,
      });
    if (r.lateEntry)
      trustReasons.push({
        code: 'LATE_ENTRY',
        reportId: r.reportId,
        message: `report ${r.reportId} was entered late`,
      });
  }
  if (assessment.coveringReports.length === 0 && (assessment.exposure ?? []).length === 0) {
    trustReasons.push({
      code: 'NO_EVIDENCE',
      message: 'no VERIFIED report or exposure evidence stands behind the lot',
    });
  }
  const events = await ctx.store.list<LotEventRecord>(SUPPLY_KEYS.lotEvent, [lot.id]);
  for (const e of events.filter((x) => x.value.lateEntry)) {
    trustReasons.push({
      code: 'LATE_ENTRY',
      refId: e.value.eventId,
      message: `event ${e.value.eventId} was entered late`,
    });
  }
  return {
    lotId: lot.id,
    kind: lot.kind,
    state,
    releasable,
    trusted: releasable && trustReasons.length === 0,
    reasons: [...reasons, ...trustReasons],
    evidence: assessment.evidence,
    ...(assessment.exposure === undefined ? {} : { exposure: assessment.exposure }),
    badges: await badgesOf(ctx, lot),
    evaluatedAt: ctx.now,
  };
}

/** The badges the lot's originator holds for its material. */
async function badgesOf(ctx: AllianceContext, lot: LotRecord): Promise<string[]> {
  const badge = await ctx.store.get<BadgeRecord>(badgeKey(ctx.store, lot.originator, lot.gtin));
  const badges: string[] = [];
  if (badge?.trustedSource === true) badges.push('TRUSTED_SOURCE');
  if (badge?.fastReview === true) badges.push('FAST_REVIEW');
  return badges;
}
