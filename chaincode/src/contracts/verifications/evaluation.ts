/**
 * Evaluating a case once every lab has revealed (rule 30): scores per lab and analyte, the
 * repeated-QUESTIONABLE escalation, the aggregate outcome, and its consequences.
 */
import { evaluateAnalyte, EvaluationProblem, type AnalyteEvaluation } from '../../rules/supply/evaluate';
import { escalateRepeat, worstOutcome, type Outcome } from '../../rules/supply/outcome';
import { stateForOutcome } from '../../rules/supply/verification-state';
import { AllianceError } from '../../model/errors';
import type {
  Protocol,
  RevealRecord,
  VerificationCaseRecord,
  VerificationOutcomeRecord,
} from '../../model/supply/verification';
import type { AllianceContext } from '../context';
import { applyConsequences } from './consequences';
import { lastOutcomeKey, outcomeKey, passedKey, unsatisfactoryKey } from './keys';

/** Scores every analyte; a protocol the data cannot satisfy is refused, not half-evaluated. */
function scoreAll(protocol: Protocol, reveals: readonly RevealRecord[]): AnalyteEvaluation[] {
  return protocol.analytes.map((plan) => {
    const results = reveals.flatMap((r) =>
      r.results
        .filter((x) => x.analyte === plan.analyte)
        .map((x) => ({
          lab: r.lab,
          values: x.values,
          expandedUncertainty: x.expandedUncertainty,
          coverageFactor: x.coverageFactor,
        })),
    );
    try {
      return evaluateAnalyte(plan, results);
    } catch (error) {
      if (error instanceof EvaluationProblem)
        throw new AllianceError('INVALID_STATE', `${plan.analyte}: ${error.message}`);
      throw error;
    }
  });
}

/** Evaluates `c` (in EVALUATED), records the outcome and applies its consequences; returns the settled case. */
export async function evaluateCase(
  ctx: AllianceContext,
  c: VerificationCaseRecord,
  protocol: Protocol,
  reveals: readonly RevealRecord[],
): Promise<VerificationCaseRecord> {
  const evaluations = scoreAll(protocol, reveals);
  const labOutcomes: VerificationOutcomeRecord['labOutcomes'] = [];
  for (const evaluation of evaluations) {
    for (const score of evaluation.scores) {
      const key = lastOutcomeKey(ctx.store, score.lab, evaluation.analyte);
      const previous = await ctx.store.get<{ outcome: Outcome }>(key);
      const counted = escalateRepeat(score.outcome, previous?.outcome);
      labOutcomes.push({ lab: score.lab, analyte: evaluation.analyte, scored: score.outcome, counted });
      await ctx.store.put(key, { caseId: c.caseId, outcome: counted, at: ctx.now });
    }
  }
  const aggregate = worstOutcome([
    ...labOutcomes.map((o) => o.counted),
    ...evaluations.map((e) => e.outcome),
  ]);
  const lots = protocol.testItems.map((t) => t.lotId);
  for (const evaluation of evaluations) {
    const passed =
      evaluation.outcome === 'SATISFACTORY' &&
      labOutcomes.every((o) => o.analyte !== evaluation.analyte || o.counted === 'SATISFACTORY');
    if (passed)
      for (const lotId of lots)
        await ctx.store.put(passedKey(ctx.store, lotId, evaluation.analyte, c.caseId), {
          caseId: c.caseId,
          at: ctx.now,
        });
  }
  if (aggregate === 'UNSATISFACTORY') {
    for (const lotId of lots)
      await ctx.store.put(unsatisfactoryKey(ctx.store, lotId, c.caseId), { caseId: c.caseId, at: ctx.now });
  }
  const { suspendedRecognitions, heldLots } = await applyConsequences(ctx, c.caseId, labOutcomes);
  const outcome: VerificationOutcomeRecord = {
    caseId: c.caseId,
    version: c.protocolVersion,
    evaluations,
    labOutcomes,
    aggregate,
    suspendedRecognitions,
    heldLots,
    evaluated: ctx.stamp(),
  };
  await ctx.store.put(outcomeKey(ctx.store, c.caseId), outcome);
  ctx.emit('verification.evaluated', { kind: 'verification', id: c.caseId }, { aggregate, labOutcomes });
  return { ...c, state: stateForOutcome(aggregate), outcome: aggregate };
}
