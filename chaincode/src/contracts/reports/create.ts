/**
 * Creating a report (rules 17, 18, 21-25, 27): every result is bound to runs of the same lab on
 * the same lot and method, normalised to its canonical unit and evaluated against the limits of
 * the product record; the dates must follow rule 18. An amendment supersedes the report it names,
 * which stays readable as AMENDED.
 */
import { AllianceError } from '../../model/errors';
import type { CreateReportInput } from '../../model/lab/report-input';
import type { MethodValidationRecord } from '../../model/lab/method';
import type { RecognitionRecord, ReportRecord, ReportResult } from '../../model/lab/report';
import type { RunRecord } from '../../model/lab/run';
import type { PolicyParameters } from '../../model/policy';
import type { ProductSpecification } from '../../model/product';
import { analyteKind, isKnownSpecies } from '../../rules/lab/analytes';
import { checkEventTime, checkReportChronology } from '../../rules/lab/chronology';
import { evaluateResults } from '../../rules/lab/evaluation';
import { labelFormFlags } from '../../rules/lab/label-form';
import { applicableLimits, type HealthFoodType, type LimitContext } from '../../rules/lab/limits';
import { nextReportState } from '../../rules/lab/report-state';
import { canonicalUnit, roundSignificant } from '../../rules/lab/units';
import { refuseAll, type RuleViolation } from '../../rules/lab/violation';
import { recordHash } from '../../rules/signatures';
import type { AllianceContext } from '../context';
import { requireOwner } from '../lab-records';
import { productKey } from '../products/keys';
import { loadRun } from './evidence';
import { methodKey, recognitionKey, reportKey } from './keys';

const HEALTH_FOOD_TYPES: readonly HealthFoodType[] = ['SOLID', 'LIQUID', 'TEA_BAG', 'INFANT'];

/** The limit context of the tested item, from the product record and the policy. */
export function limitContext(product: ProductSpecification, material: string | undefined, policy: PolicyParameters): LimitContext {
  const item = material === undefined ? undefined : product.formula.find((f) => f.material === material);
  if (material !== undefined && item === undefined) {
    throw new AllianceError('VALIDATION_FAILED', `product ${product.productId} has no ingredient ${material}`, {
      issues: [{ path: 'material', message: 'must be an ingredient of the product formula' }],
    });
  }
  const category = product.foodCategory.toUpperCase().replace(/[\s-]/g, '_');
  const type = HEALTH_FOOD_TYPES.find((t) => t === category);
  return {
    regime: product.limitRegime,
    // An ingredient's limit is its PDE share at the grams of it in the maximum daily serving.
    maxDailyServing_g: item?.gramsPerServing ?? product.maxDailyServingG,
    ...(type === undefined ? {} : { healthFoodType: type }),
    botanical: item?.botanical === true,
    applyChPBotanicalLimits: policy.applyChPBotanicalLimits,
  };
}

function normaliseResults(input: CreateReportInput): ReportResult[] {
  const violations: RuleViolation[] = [];
  const results = input.results.map((r, i): ReportResult | undefined => {
    if (analyteKind(r.analyte) === undefined || !isKnownSpecies(r.analyte, r.species)) {
      violations.push({ code: 'VALIDATION_FAILED', path: `results.${i}.species`, message: `unknown analyte/species ${r.analyte}/${r.species}` });
      return undefined;
    }
    const { factor, unit } = canonicalUnit(r.analyte, r.species, r.unit);
    const scale = (x: number): number => roundSignificant(x * factor);
    const normalised = { value: scale(r.value), unit, U: scale(r.U), ...(r.loq === undefined ? {} : { loq: scale(r.loq) }) };
    return { ...r, normalised };
  });
  refuseAll(violations);
  return results.filter((r): r is ReportResult => r !== undefined);
}

async function runsOf(ctx: AllianceContext, input: CreateReportInput): Promise<RunRecord[]> {
  const ids = [...new Set(input.results.flatMap((r) => r.testRunIds))].sort();
  const runs: RunRecord[] = [];
  for (const id of ids) {
    const run = await loadRun(ctx, id);
    requireOwner(ctx, run.labMspId, `run ${id}`);
    if (run.lotId !== input.lotId || run.methodId !== input.method.methodId || run.methodVersion !== input.method.version) {
      throw new AllianceError('VALIDATION_FAILED', `run ${id} tested another lot or used another method`, {
        issues: [{ path: 'results', message: `run ${id} must test ${input.lotId} with ${input.method.methodId}@${input.method.version}` }],
      });
    }
    runs.push(run);
  }
  return runs;
}

/** Builds (and checks) the DRAFT report of `input`; writes the superseded report when amending. */
export async function buildReport(ctx: AllianceContext, input: CreateReportInput): Promise<ReportRecord> {
  const policy = (await ctx.policy()).parameters;
  checkEventTime(input.issuedAt, ctx.now, policy, 'issuedAt');
  const runs = await runsOf(ctx, input);
  checkReportChronology({ ...input, runs: runs.map((r) => ({ id: r.runId, startedAt: r.startedAt, endedAt: r.endedAt })), submittedAt: ctx.now });
  const product = await ctx.store.mustGet<ProductSpecification>(productKey(ctx.store, input.productId), 'NOT_FOUND', `product ${input.productId}`);
  const results = normaliseResults(input);
  const limits = applicableLimits(limitContext(product, input.material, policy));
  const evaluation = evaluateResults(
    results.map((r) => ({ analyte: r.analyte, species: r.species, ...r.normalised })),
    limits,
    policy.decisionRule,
  );
  const method = await ctx.store.get<MethodValidationRecord>(methodKey(ctx.store, ctx.caller.mspId, input.method.methodId, input.method.version));
  const vitamins = results.filter((r) => analyteKind(r.analyte) === 'VITAMIN').map((r) => ({ analyte: r.analyte, species: r.species, ...r.normalised }));
  const { supersedes, amendmentReason: _reason, ...content } = input;
  const body = {
    ...content,
    labMspId: ctx.caller.mspId,
    results,
    evaluation,
    labelFlags: labelFormFlags(vitamins, input.labelClaims ?? {}, method?.resolvesIsomers ?? false),
    ...(supersedes === undefined ? {} : { supersedes }),
    runIds: runs.map((r) => r.runId),
    instrumentIds: [...new Set(runs.map((r) => r.instrumentId))].sort(),
    calibrationIds: [...new Set(runs.map((r) => r.calibrationId))].sort(),
    traceabilityClasses: [...new Set(runs.map((r) => r.traceabilityClass))].sort(),
    lateEntry: runs.some((r) => r.lateEntry),
  };
  return {
    ...body,
    state: 'DRAFT',
    contentHash: recordHash(body),
    signatures: [],
    authorId: ctx.caller.userId,
    version: 1,
    created: ctx.stamp(),
    updated: ctx.stamp(),
  };
}

/** Marks the superseded report AMENDED (never overwritten otherwise) and suspends its recognition. */
export async function supersede(ctx: AllianceContext, oldId: string, next: ReportRecord, reason: string): Promise<void> {
  const old = await ctx.store.mustGet<ReportRecord>(reportKey(ctx.store, oldId), 'NOT_FOUND', `report ${oldId}`);
  requireOwner(ctx, old.labMspId, `report ${oldId}`);
  if (old.lotId !== next.lotId) {
    throw new AllianceError('VALIDATION_FAILED', 'an amendment must concern the same lot', { issues: [{ path: 'lotId', message: `must be ${old.lotId}` }] });
  }
  const state = nextReportState(old.state, 'AMEND');
  await ctx.store.put(reportKey(ctx.store, oldId), { ...old, state, supersededBy: next.reportId, version: old.version + 1, updated: ctx.stamp(reason) });
  const recognition = await ctx.store.get<RecognitionRecord>(recognitionKey(ctx.store, oldId));
  if (recognition !== undefined && recognition.suspendedAt === undefined) {
    await ctx.store.put(recognitionKey(ctx.store, oldId), { ...recognition, suspendedAt: ctx.now, suspensionCause: `superseded by ${next.reportId}` });
  }
  ctx.emit('report.amended', { kind: 'report', id: oldId }, { supersededBy: next.reportId, reason });
}
