/**
 * Evaluation of a comparative verification on one analyte (rule 30): the assigned value, σ_pt,
 * each lab's score and outcome, HorRat across labs and the two-lab critical difference.
 */
import { classifyScore, worstOutcome, type Outcome, type ScoreType } from './outcome';
import {
  consensusValue,
  criticalDifference,
  enScore,
  horRat,
  horRatAcceptable,
  horwitzPrsdPercent,
  horwitzSigma,
  mean,
  needsZPrime,
  rsdPercent,
  zetaScore,
  zPrimeScore,
  zScore,
} from './scores';
import { massFractionPerUnit } from './units';

/** How a protocol evaluates one analyte (the rule-28 fields the arithmetic needs). */
export interface AnalytePlan {
  analyte: string;
  /** Concentration unit every result for the analyte is given in. */
  unit: string;
  assignedValueSource: 'REFERENCE_LAB' | 'CRM' | 'CONSENSUS';
  /** X and its standard uncertainty u(X), for CRM-assigned values. */
  assignedValue?: number;
  assignedUncertainty?: number;
  /** The lab whose mean is X, for REFERENCE_LAB. */
  referenceLab?: string;
  sigmaRule: 'HORWITZ_THOMPSON' | 'FIXED_RSD' | 'METHOD_SR';
  fixedRsdPercent?: number;
  /** The method's validated reproducibility and repeatability SDs, in `unit`. */
  methodSR?: number;
  methodSr?: number;
  scoreType: ScoreType;
  /** Factor behind "u(X) negligible" (default 0.3). */
  negligibleUxFactor?: number;
}

/** One lab's revealed results for an analyte. */
export interface LabAnalyteResult {
  lab: string;
  values: readonly number[];
  /** Expanded uncertainty U of the lab's mean and its coverage factor k. */
  expandedUncertainty: number;
  coverageFactor: number;
}

/** One lab's score on an analyte. */
export interface LabScore {
  lab: string;
  mean: number;
  replicates: number;
  scoreType: ScoreType;
  score: number;
  outcome: Outcome;
}

/** The evaluation of one analyte. */
export interface AnalyteEvaluation {
  analyte: string;
  assignedValue: number;
  assignedUncertainty: number;
  sigmaPt: number;
  scores: LabScore[];
  horRat?: number;
  horRatAcceptable?: boolean;
  meanDifference?: number;
  criticalDifference?: number;
  withinCriticalDifference?: boolean;
  outcome: Outcome;
}

/** Why an analyte cannot be evaluated. */
export class EvaluationProblem extends Error {}

/** Evaluates one analyte from every lab's results. Throws `EvaluationProblem` when data is missing. */
export function evaluateAnalyte(plan: AnalytePlan, results: readonly LabAnalyteResult[]): AnalyteEvaluation {
  const fraction = massFractionPerUnit(plan.unit);
  if (fraction === undefined) throw new EvaluationProblem(`unit ${plan.unit} is not a concentration`);
  if (results.some((r) => r.values.length === 0))
    throw new EvaluationProblem('every lab needs at least one value');
  const { value: X, uncertainty: uX } = assignedValue(plan, results);
  const sigmaPt = sigmaFor(plan, X, fraction);
  const scored = results.filter(
    (r) => plan.assignedValueSource !== 'REFERENCE_LAB' || r.lab !== plan.referenceLab,
  );
  const scores = scored.map((r) => scoreLab(plan, r, X, uX, sigmaPt));
  const evaluation: AnalyteEvaluation = {
    analyte: plan.analyte,
    assignedValue: X,
    assignedUncertainty: uX,
    sigmaPt,
    scores,
    outcome: 'SATISFACTORY',
  };
  const means = results.map((r) => mean(r.values));
  const extra: Outcome[] = [];
  if (results.length >= 2) {
    evaluation.horRat = horRat(rsdPercent(means), horwitzPrsdPercent(X * fraction));
    evaluation.horRatAcceptable = horRatAcceptable(evaluation.horRat);
    // A HorRat out of range speaks of the method's reproducibility, not of one lab.
    if (!evaluation.horRatAcceptable) extra.push('QUESTIONABLE');
  }
  const [first, second] = results;
  if (results.length === 2 && first && second) {
    const sr = plan.methodSr ?? 0.67 * sigmaPt;
    evaluation.meanDifference = Math.abs(mean(first.values) - mean(second.values));
    evaluation.criticalDifference = criticalDifference(
      sigmaPt,
      sr,
      first.values.length,
      second.values.length,
    );
    evaluation.withinCriticalDifference = evaluation.meanDifference <= evaluation.criticalDifference;
    // Two labs disagreeing beyond CD: the labs under test carry it (the reference lab defines X).
    if (!evaluation.withinCriticalDifference) for (const s of scores) s.outcome = 'UNSATISFACTORY';
  }
  evaluation.outcome = worstOutcome([...scores.map((s) => s.outcome), ...extra]);
  return evaluation;
}

function assignedValue(
  plan: AnalytePlan,
  results: readonly LabAnalyteResult[],
): { value: number; uncertainty: number } {
  switch (plan.assignedValueSource) {
    case 'CRM':
      if (plan.assignedValue === undefined)
        throw new EvaluationProblem('a CRM-assigned protocol needs assignedValue');
      return { value: plan.assignedValue, uncertainty: plan.assignedUncertainty ?? 0 };
    case 'REFERENCE_LAB': {
      const ref = results.find((r) => r.lab === plan.referenceLab);
      if (!ref) throw new EvaluationProblem('the reference lab has no result');
      return { value: mean(ref.values), uncertainty: ref.expandedUncertainty / ref.coverageFactor };
    }
    case 'CONSENSUS':
      if (results.length < 3) throw new EvaluationProblem('a consensus value needs at least three labs');
      return consensusValue(results.map((r) => mean(r.values)));
  }
}

function sigmaFor(plan: AnalytePlan, X: number, fraction: number): number {
  switch (plan.sigmaRule) {
    case 'HORWITZ_THOMPSON':
      return horwitzSigma(X * fraction) / fraction;
    case 'FIXED_RSD':
      if (plan.fixedRsdPercent === undefined) throw new EvaluationProblem('FIXED_RSD needs fixedRsdPercent');
      return (X * plan.fixedRsdPercent) / 100;
    case 'METHOD_SR':
      if (plan.methodSR === undefined) throw new EvaluationProblem('METHOD_SR needs methodSR');
      return plan.methodSR;
  }
}

function scoreLab(plan: AnalytePlan, r: LabAnalyteResult, X: number, uX: number, sigmaPt: number): LabScore {
  const x = mean(r.values);
  const ux = r.expandedUncertainty / r.coverageFactor;
  let type = plan.scoreType;
  let score: number;
  if (type === 'z' && needsZPrime(sigmaPt, uX, plan.negligibleUxFactor)) type = 'z_prime';
  if (type === 'z') score = zScore(x, X, sigmaPt);
  else if (type === 'z_prime') score = zPrimeScore(x, X, sigmaPt, uX);
  else if (type === 'zeta') score = zetaScore(x, X, ux, uX);
  else score = enScore(x, X, 2 * ux, 2 * uX);
  return {
    lab: r.lab,
    mean: x,
    replicates: r.values.length,
    scoreType: type,
    score,
    outcome: classifyScore(type, score),
  };
}
