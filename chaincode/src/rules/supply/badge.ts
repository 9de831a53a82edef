/**
 * The platform's incentives (rules 36-37): TRUSTED_SOURCE for a supplier and material over a
 * rolling window, and FAST_REVIEW on top of it. Alliance policy, not regulation: the window and
 * the lot count come from the policy document.
 */
import { addMonths } from '../lab/time';

/** One of the supplier's lots of the material, as the badge rule sees it. */
export interface BadgeLotRecord {
  lotId: string;
  /** When the lot was released, rejected or recalled, if it was (ISO 8601). */
  releasedAt?: string;
  rejectedAt?: string;
  recalledAt?: string;
  /** Every supporting result VERIFIED + RECOGNIZED with T1 traceability. */
  verifiedRecognizedT1: boolean;
  /** Every instrument used stayed QUALIFIED, with no SUSPENDED period overlapping a run. */
  instrumentsQualified: boolean;
  /** A submission about the lot carried a LATE_ENTRY flag. */
  lateEntry: boolean;
  /** The lot needed a manual exception (a manual hold or override) on its way to VERIFIED. */
  manualException: boolean;
}

/** Parameters of rule 36. */
export interface BadgeParameters {
  windowMonths: number;
  minReleasedLots: number;
}

/** The finding of the badge rule: granted or not, and every reason against. */
export interface BadgeFinding {
  trustedSource: boolean;
  fastReview: boolean;
  windowStart: string;
  qualifyingLots: string[];
  reasons: string[];
}

/** The instant `months` calendar months before `at` (UTC, day clamped to the month's length). */
export function monthsBefore(at: Date, months: number): Date {
  return new Date(addMonths(at.toISOString(), -months));
}

/**
 * Applies rules 36 and 37 at ledger time `at`. Only events inside the window count; the badge is
 * revoked as soon as any condition breaks, which this function shows by returning a reason.
 */
export function assessBadge(
  lots: readonly BadgeLotRecord[],
  unsatisfactoryVerificationsAt: readonly string[],
  params: BadgeParameters,
  at: Date,
): BadgeFinding {
  const windowStart = monthsBefore(at, params.windowMonths).toISOString();
  const inWindow = (t: string | undefined): boolean => t !== undefined && t >= windowStart;
  const reasons: string[] = [];
  const released = lots.filter((l) => inWindow(l.releasedAt));
  const qualifying = released.filter((l) => l.verifiedRecognizedT1).map((l) => l.lotId);
  if (qualifying.length < params.minReleasedLots) {
    reasons.push(
      `${qualifying.length} of ${params.minReleasedLots} lots released with T1, VERIFIED and RECOGNIZED results`,
    );
  }
  for (const l of lots) {
    if (inWindow(l.rejectedAt)) reasons.push(`lot ${l.lotId} was REJECTED`);
    if (inWindow(l.recalledAt)) reasons.push(`lot ${l.lotId} was RECALLED`);
  }
  const unsatisfactory = unsatisfactoryVerificationsAt.filter(inWindow).length;
  if (unsatisfactory > 0) reasons.push(`${unsatisfactory} UNSATISFACTORY comparative verification(s)`);
  for (const l of released) {
    if (!l.instrumentsQualified)
      reasons.push(`lot ${l.lotId} was tested on an instrument that was not QUALIFIED`);
    if (l.lateEntry) reasons.push(`lot ${l.lotId} has a LATE_ENTRY submission`);
  }
  const trustedSource = reasons.length === 0;
  const manual = released.filter((l) => l.manualException).map((l) => l.lotId);
  if (trustedSource && manual.length > 0)
    reasons.push(`manual exceptions on ${manual.join(', ')} (no FAST_REVIEW)`);
  return {
    trustedSource,
    fastReview: trustedSource && manual.length === 0,
    windowStart,
    qualifyingLots: qualifying,
    reasons,
  };
}
