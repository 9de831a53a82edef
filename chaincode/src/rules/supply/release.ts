/**
 * Whether a lot may be released (rule 31): every analyte its specification requires is covered
 * by a VERIFIED report that is recognised (or conditionally recognised with a passed comparative
 * verification), every result conforms, no speciation is open and nothing holds the lot.
 */

/** What the ledger knows about one report's coverage of one analyte. */
export interface AnalyteEvidence {
  analyte: string;
  reportId: string;
  /** The report reached VERIFIED (its automatic checks all held). */
  verified: boolean;
  /** Its recognition, when one was computed. */
  recognition:
    'RECOGNIZED' | 'CONDITIONALLY_RECOGNIZED' | 'NOT_RECOGNIZED' | 'SUSPENDED' | 'EXPIRED' | undefined;
  /** A comparative verification covering the analyte ended SATISFACTORY. */
  comparativePassed: boolean;
  /** Every result for the analyte conforms to its limit. */
  conforms: boolean;
  /** A speciation result is still required (rule 23). */
  speciationRequired: boolean;
}

/** Why a lot is not releasable, one entry per failing condition. */
export interface ReleaseReason {
  code:
    | 'ANALYTE_NOT_COVERED'
    | 'REPORT_NOT_VERIFIED'
    | 'NOT_RECOGNIZED'
    | 'COMPARATIVE_VERIFICATION_REQUIRED'
    | 'RESULT_NOT_CONFORMING'
    | 'SPECIATION_REQUIRED'
    | 'ADDITIONAL_VERIFICATION_REQUIRED';
  analyte?: string;
  reportId?: string;
  refId?: string;
  message: string;
}

/** The reasons one piece of evidence does not cover its analyte (empty when it does). */
export function evidenceProblems(e: AnalyteEvidence): ReleaseReason[] {
  const at = { analyte: e.analyte, reportId: e.reportId };
  const reasons: ReleaseReason[] = [];
  if (!e.verified)
    reasons.push({ code: 'REPORT_NOT_VERIFIED', ...at, message: 'the report is not VERIFIED' });
  if (e.recognition === 'CONDITIONALLY_RECOGNIZED' && !e.comparativePassed) {
    reasons.push({
      code: 'COMPARATIVE_VERIFICATION_REQUIRED',
      ...at,
      message: 'conditional recognition needs a passed comparative verification',
    });
  } else if (e.recognition !== 'RECOGNIZED' && e.recognition !== 'CONDITIONALLY_RECOGNIZED') {
    reasons.push({
      code: 'NOT_RECOGNIZED',
      ...at,
      message: `recognition is ${e.recognition ?? 'not computed'}`,
    });
  }
  if (!e.conforms)
    reasons.push({ code: 'RESULT_NOT_CONFORMING', ...at, message: 'a result does not conform to its limit' });
  if (e.speciationRequired)
    reasons.push({ code: 'SPECIATION_REQUIRED', ...at, message: 'a speciation result is still required' });
  return reasons;
}

/**
 * Assesses release. An analyte is covered when any one piece of evidence for it has no problem;
 * otherwise every candidate's problems are reported, so the caller sees all that is missing.
 */
export function assessRelease(
  requiredAnalytes: readonly string[],
  evidence: readonly AnalyteEvidence[],
  openHolds: readonly { holdId: string; cause: string }[],
): { releasable: boolean; reasons: ReleaseReason[]; covering: AnalyteEvidence[] } {
  const reasons: ReleaseReason[] = [];
  const covering: AnalyteEvidence[] = [];
  for (const analyte of requiredAnalytes) {
    const candidates = evidence.filter((e) => e.analyte === analyte);
    const good = candidates.find((e) => evidenceProblems(e).length === 0);
    if (good) covering.push(good);
    else if (candidates.length === 0)
      reasons.push({ code: 'ANALYTE_NOT_COVERED', analyte, message: `no report covers ${analyte}` });
    else reasons.push(...candidates.flatMap(evidenceProblems));
  }
  for (const hold of openHolds) {
    reasons.push({
      code: 'ADDITIONAL_VERIFICATION_REQUIRED',
      refId: hold.holdId,
      message: `on hold: ${hold.cause}`,
    });
  }
  return { releasable: reasons.length === 0, reasons, covering };
}
