/**
 * The rule-31 release conditions on the ledger, shared by `lots:ReleaseLot` and the verdict:
 * the analytes the product specifications require, the lab evidence covering them (through the
 * lab area's hooks), passed comparative verifications, open holds, and for batches the inputs and
 * the daily-exposure check of rule 34.
 */
import { USP_2232_PDE } from '../../rules/lab/limits';
import { checkDailyExposure, type ElementExposure, type ExposureInput } from '../../rules/supply/exposure';
import { assessRelease } from '../../rules/supply/release';
import type { HoldRecord } from '../../model/supply/hold';
import type { LotRecord } from '../../model/supply/lot';
import type { VerdictEvidence, VerdictReason } from '../../model/supply/verdict';
import type { AllianceContext } from '../context';
import { getProduct, listProducts } from '../products/specifications';
import { VERIFICATION_KEYS } from '../verifications/keys';
import { holdKey } from './keys';
import { elementKey, labEvidenceFor, type LabEvidence } from './lab-evidence';
import { parentsOf } from './lineage';
import { loadLot, openHolds } from './records';

export { verifiedReportSince } from './lab-evidence';

/** The release assessment of one lot or batch. */
export interface ReleaseAssessment {
  releasable: boolean;
  reasons: VerdictReason[];
  evidence: VerdictEvidence;
  lab: LabEvidence;
  /** The reports that cover the required analytes. */
  coveringReports: string[];
  exposure?: ElementExposure[];
}

/** The analytes the product specifications require for the lot's material (its GTIN). */
async function requiredAnalytes(ctx: AllianceContext, lot: LotRecord): Promise<string[]> {
  const products =
    lot.productId === undefined ? await listProducts(ctx) : [await getProduct(ctx, lot.productId)];
  const analytes = products.flatMap((p) =>
    p.requiredAnalytes.filter((r) => r.material === lot.gtin).flatMap((r) => r.analytes),
  );
  return [...new Set(analytes)].sort();
}

/** Case ids of passed comparative verifications of `analyte` on the lot. */
async function passedVerifications(ctx: AllianceContext, lotId: string, analyte: string): Promise<string[]> {
  return (await ctx.store.list<{ caseId: string }>(VERIFICATION_KEYS.passed, [lotId, analyte])).map(
    (e) => e.value.caseId,
  );
}

/**
 * Whether a released input still stands behind the batch. A rejected or recalled input no longer
 * does, unless the batch was re-tested: its hold for that input was lifted by a new VERIFIED
 * report on the batch itself (rule 33).
 */
async function inputStillGood(ctx: AllianceContext, batchId: string, input: LotRecord): Promise<boolean> {
  if (input.state !== 'REJECTED' && input.state !== 'RECALLED') return true;
  const hold = await ctx.store.get<HoldRecord>(holdKey(ctx.store, batchId, `${input.state}~${input.id}`));
  return hold?.closed?.basis === 'NEW_VERIFIED_REPORT';
}

/** Rule 34 for a batch: every USP element, from the inputs' latest conforming results or the batch's own. */
async function batchChecks(
  ctx: AllianceContext,
  batch: LotRecord,
  own: LabEvidence,
): Promise<{ reasons: VerdictReason[]; exposure?: ElementExposure[] }> {
  const reasons: VerdictReason[] = [];
  const inputs: ExposureInput[] = [];
  const product = batch.productId === undefined ? undefined : await getProduct(ctx, batch.productId);
  for (const link of await parentsOf(ctx, batch.id)) {
    const input = await loadLot(ctx, link.id);
    if (input.releasedAt === undefined || !(await inputStillGood(ctx, batch.id, input))) {
      reasons.push({
        code: 'INPUT_NOT_RELEASED',
        refId: input.id,
        message: `input ${input.id} is ${input.state}`,
      });
    }
    const grams = product?.formula.find((f) => f.material === input.gtin)?.gramsPerServing;
    if (grams !== undefined)
      inputs.push({
        lotId: input.id,
        gramsPerServing: grams,
        concentrationsUgPerG: (await labEvidenceFor(ctx, input.id)).concentrations,
      });
  }
  if (product?.limitRegime !== 'USP') return { reasons };
  const pde = Object.fromEntries(USP_2232_PDE.map((p) => [elementKey(p.analyte, p.species), p.pde]));
  const exposure = checkDailyExposure(inputs, pde, {
    maxDailyServingG: product.maxDailyServingG,
    concentrationsUgPerG: own.concentrations,
  });
  for (const e of exposure) {
    if (e.basis === 'MISSING')
      reasons.push({
        code: 'EXPOSURE_UNKNOWN',
        analyte: e.element,
        message: `${e.element}: no result for ${e.lotsWithoutResult.join(', ')} and none on the batch`,
      });
    else if (!e.withinPde)
      reasons.push({
        code: 'EXPOSURE_EXCEEDED',
        analyte: e.element,
        message: `${e.element}: ${e.exposureUgPerDay ?? 0} µg/day exceeds the PDE of ${e.pdeUgPerDay} µg/day`,
      });
  }
  return { reasons, exposure };
}

/** Assesses whether `lot` may be released now, with every reason and the evidence behind it. */
export async function assessLotRelease(ctx: AllianceContext, lot: LotRecord): Promise<ReleaseAssessment> {
  const lab = await labEvidenceFor(ctx, lot.id);
  const required = await requiredAnalytes(ctx, lot);
  const verifications = new Set<string>();
  const analyteEvidence = [];
  for (const e of lab.analytes) {
    const passed = await passedVerifications(ctx, lot.id, e.analyte);
    passed.forEach((id) => verifications.add(id));
    analyteEvidence.push({ ...e, comparativePassed: passed.length > 0 });
  }
  const holds = await openHolds(ctx, lot.id);
  const release = assessRelease(
    required,
    analyteEvidence,
    holds.map((h) => ({ holdId: h.holdId, cause: `${h.cause.kind} ${h.cause.refId}: ${h.cause.reason}` })),
  );
  const reasons: VerdictReason[] = [...release.reasons];
  const batch = lot.kind === 'BATCH' ? await batchChecks(ctx, lot, lab) : { reasons: [] };
  reasons.push(...batch.reasons);
  const coveringReports = [...new Set(release.covering.map((e) => e.reportId))];
  const evidence: VerdictEvidence = {
    ...lab.ids,
    verifications: [...verifications].sort(),
    holds: holds.map((h) => h.holdId),
  };
  return {
    releasable: reasons.length === 0,
    reasons,
    evidence,
    lab,
    coveringReports,
    ...(batch.exposure === undefined ? {} : { exposure: batch.exposure }),
  };
}
