/**
 * Cross-border recognition (rule 20), computed with every reason:
 * - NOT_RECOGNIZED: no ILAC-MRA accreditation for testing, accreditation not active or not
 *   valid, lab suspended, a result out of scope, an instrument not qualified, traceability T3;
 * - CONDITIONALLY_RECOGNIZED (needs comparative verification): otherwise, when PT is not current,
 *   traceability is T2 and the policy does not accept T2, or a speciation/isomer analyte is
 *   reported and the policy requires comparison for those;
 * - RECOGNIZED: otherwise.
 * A recognition lasts `recognitionValidityMonths` or until the accreditation ends, whichever is
 * first, and is suspended automatically when the lab, its PT or a comparison fails.
 */
import type { TraceabilityClass } from '../../model/lab/reference-material';
import type { PtStatus } from './pt-currency';
import { addMonths, instantMs } from './time';

/** Recognition outcomes. */
export type RecognitionStatus = 'RECOGNIZED' | 'CONDITIONALLY_RECOGNIZED' | 'NOT_RECOGNIZED';

/** One reason behind a recognition outcome. */
export interface RecognitionReason {
  code: string;
  message: string;
  /** Whether the reason denies recognition outright or only makes it conditional. */
  effect: 'DENIES' | 'CONDITIONS';
}

/** The accreditation facts rule 20 reads. */
export interface AccreditationFacts {
  body: string;
  ilacMraSignatory: boolean;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
  validFrom: string;
  validTo: string;
}

/** Everything rule 20 needs about one verified report. */
export interface RecognitionFacts {
  at: string;
  accreditation: AccreditationFacts | undefined;
  labSuspended: boolean;
  outOfScope: readonly string[];
  ptStatuses: readonly { subField: string; status: PtStatus }[];
  unqualifiedInstruments: readonly string[];
  traceabilityClasses: readonly TraceabilityClass[];
  speciationAnalytes: readonly string[];
}

/** The policy parameters rule 20 reads. */
export interface RecognitionParameters {
  acceptT2: boolean;
  requireComparativeForSpeciation: boolean;
  recognitionValidityMonths: number;
}

/** The computed recognition. */
export interface RecognitionVerdict {
  status: RecognitionStatus;
  reasons: RecognitionReason[];
  validUntil: string;
}

/** Computes the recognition of a report at `facts.at`. */
export function recognise(facts: RecognitionFacts, params: RecognitionParameters): RecognitionVerdict {
  const reasons: RecognitionReason[] = [];
  const deny = (code: string, message: string): void => {
    reasons.push({ code, message, effect: 'DENIES' });
  };
  const condition = (code: string, message: string): void => {
    reasons.push({ code, message, effect: 'CONDITIONS' });
  };
  const acc = facts.accreditation;
  const at = instantMs(facts.at);
  if (acc === undefined) {
    deny('NO_ACCREDITATION', 'the lab has no accreditation on record');
  } else {
    if (!acc.ilacMraSignatory) {
      deny('NOT_ILAC_MRA', `${acc.body} is not an ILAC-MRA signatory for testing`);
    }
    if (acc.status !== 'ACTIVE') {
      deny('ACCREDITATION_NOT_ACTIVE', `accreditation is ${acc.status}`);
    }
    if (at < instantMs(acc.validFrom) || at > instantMs(acc.validTo)) {
      deny('ACCREDITATION_NOT_VALID', 'accreditation is not valid at this time');
    }
  }
  if (facts.labSuspended) {
    deny('LAB_SUSPENDED', 'the lab is suspended from the alliance');
  }
  for (const item of facts.outOfScope) {
    deny('OUT_OF_SCOPE', `${item} is outside the accredited scope`);
  }
  for (const id of facts.unqualifiedInstruments) {
    deny('INSTRUMENT_NOT_QUALIFIED', `instrument ${id} was not qualified during its run`);
  }
  if (facts.traceabilityClasses.includes('T3')) {
    deny('TRACEABILITY_T3', 'a calibration has no demonstrated traceability (T3)');
  }
  for (const pt of facts.ptStatuses) {
    if (pt.status !== 'PT_CURRENT') {
      condition('PT_NOT_CURRENT', `sub-field ${pt.subField} is ${pt.status}`);
    }
  }
  if (!params.acceptT2 && facts.traceabilityClasses.includes('T2')) {
    condition('TRACEABILITY_T2', 'policy requires T1 traceability; a calibration is T2');
  }
  if (params.requireComparativeForSpeciation) {
    for (const analyte of facts.speciationAnalytes) {
      condition(
        'SPECIATION_ANALYTE',
        `${analyte} is a speciation/isomer analyte and needs comparative verification`,
      );
    }
  }
  const status: RecognitionStatus = reasons.some((r) => r.effect === 'DENIES')
    ? 'NOT_RECOGNIZED'
    : reasons.length > 0
      ? 'CONDITIONALLY_RECOGNIZED'
      : 'RECOGNIZED';
  return {
    status,
    reasons,
    validUntil: validityEnd(facts.at, acc?.validTo, params.recognitionValidityMonths),
  };
}

/** The earlier of `at` + the validity months and the accreditation's end. */
export function validityEnd(at: string, accreditationEnd: string | undefined, months: number): string {
  const byPolicy = addMonths(at, months);
  if (accreditationEnd === undefined || instantMs(byPolicy) <= instantMs(accreditationEnd)) {
    return byPolicy;
  }
  return new Date(instantMs(accreditationEnd)).toISOString();
}

/** A recognition as seen at `at`: SUSPENDED once suspended, EXPIRED after its validity. */
export function recognitionStateAt(
  recognition: { status: RecognitionStatus; validUntil: string; suspendedAt?: string },
  at: string,
): RecognitionStatus | 'SUSPENDED' | 'EXPIRED' {
  if (recognition.suspendedAt !== undefined && instantMs(recognition.suspendedAt) <= instantMs(at)) {
    return 'SUSPENDED';
  }
  return instantMs(at) > instantMs(recognition.validUntil) ? 'EXPIRED' : recognition.status;
}
