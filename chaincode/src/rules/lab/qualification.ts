/**
 * The instrument qualification state machine (rules 6, 7, 9):
 * REGISTERED → IQ_PASSED → OQ_PASSED → QUALIFIED → (DUE_SOON) → EXPIRED, any state → SUSPENDED,
 * SUSPENDED → (requalified) → QUALIFIED, any state → RETIRED (terminal).
 * Group C needs IQ, OQ and PQ; group B needs IQ and OQ (PQ optional); group A needs IQ only.
 */
import type {
  QualificationStage,
  QualificationState,
  QualificationStatus,
  StoredQualificationState,
  Technique,
  UspGroup,
} from '../../model/lab/instrument';
import { addDays, addMonths, instantMs } from './time';
import { refuse } from './violation';
import { earlierStage, suspend } from './suspension';

/** Techniques that USP <1058> places in group C (computerised systems with configurable software). */
export const GROUP_C_TECHNIQUES: readonly Technique[] = [
  'ICP-MS',
  'ICP-OES',
  'HPLC-ICP-MS',
  'LC-MS/MS',
  'HPLC-UV/DAD',
  'GC-MS',
];

const PASSED_AT = { IQ: 'iqPassedAt', OQ: 'oqPassedAt', PQ: 'pqPassedAt' } as const;

/** The interval parameters of the alliance policy the state machine reads. */
export interface QualificationParameters {
  requalIntervalMonths: number;
  dueSoonDays: number;
}

/** Refuses a group that USP <1058> does not allow for the technique. */
export function checkGroup(technique: Technique, group: UspGroup): void {
  if (GROUP_C_TECHNIQUES.includes(technique) && group !== 'C') {
    refuse('VALIDATION_FAILED', `${technique} instruments must be USP <1058> group C`, 'uspGroup');
  }
}

/** The stages a group must pass to be QUALIFIED, in order. */
export function requiredStages(group: UspGroup): readonly QualificationStage[] {
  if (group === 'A') {
    return ['IQ'];
  }
  return group === 'B' ? ['IQ', 'OQ'] : ['IQ', 'OQ', 'PQ'];
}

/** The state at ledger time `at`: a stored QUALIFIED turns DUE_SOON, then EXPIRED after `qualifiedUntil`. */
export function effectiveState(
  state: StoredQualificationState,
  qualifiedUntil: string | undefined,
  at: string,
  dueSoonDays: number,
): QualificationState {
  if (state !== 'QUALIFIED' || qualifiedUntil === undefined) {
    return state;
  }
  if (instantMs(at) > instantMs(qualifiedUntil)) {
    return 'EXPIRED';
  }
  return instantMs(at) >= instantMs(addDays(qualifiedUntil, -dueSoonDays)) ? 'DUE_SOON' : 'QUALIFIED';
}

/** True for the states in which an instrument may be used for reportable results. */
export function isUsable(state: QualificationState | undefined): boolean {
  return state === 'QUALIFIED' || state === 'DUE_SOON';
}

/**
 * Records the outcome of a qualification stage performed at `at`. Refuses a stage the current
 * state does not allow (INVALID_STATE). A failed OQ or PQ on a qualified instrument suspends it;
 * during first qualification it sends the instrument back to the state before that stage; on a
 * suspended instrument it moves the requalification back to that stage. A failed stage, and any
 * stage after it, no longer counts as passed.
 */
export function applyStage(
  status: QualificationStatus,
  group: UspGroup,
  stage: QualificationStage,
  passed: boolean,
  at: string,
  params: QualificationParameters,
): QualificationStatus {
  checkStageAllowed(status, group, stage, at, params.dueSoonDays);
  if (!passed) {
    return failStage(status, group, stage, at);
  }
  const stages = requiredStages(group);
  const completes = stage === 'PQ' || stages[stages.length - 1] === stage;
  const next: QualificationStatus = { ...status, [PASSED_AT[stage]]: at };
  delete next.suspension;
  if (completes) {
    return { ...next, state: 'QUALIFIED', qualifiedUntil: addMonths(at, params.requalIntervalMonths) };
  }
  return { ...next, state: stage === 'IQ' ? 'IQ_PASSED' : 'OQ_PASSED' };
}

/** Retires an instrument for good. */
export function retire(status: QualificationStatus): QualificationStatus {
  if (status.state === 'RETIRED') {
    refuse('INVALID_STATE', 'instrument is already retired');
  }
  return { ...status, state: 'RETIRED' };
}

function checkStageAllowed(
  status: QualificationStatus,
  group: UspGroup,
  stage: QualificationStage,
  at: string,
  dueSoonDays: number,
): void {
  const { state } = status;
  const requalifyFrom = status.suspension?.requalifyFrom;
  let allowed: boolean;
  if (stage === 'IQ') {
    allowed = state === 'REGISTERED' || state === 'IQ_PASSED' || state === 'SUSPENDED';
  } else if (stage === 'OQ') {
    allowed =
      status.iqPassedAt !== undefined &&
      (state === 'IQ_PASSED' ||
        state === 'OQ_PASSED' ||
        state === 'QUALIFIED' ||
        (state === 'SUSPENDED' && requalifyFrom !== 'IQ'));
  } else {
    const live = effectiveState(state, status.qualifiedUntil, at, dueSoonDays);
    allowed =
      (group === 'A' || status.oqPassedAt !== undefined) &&
      (state === 'OQ_PASSED' || isUsable(live) || (state === 'SUSPENDED' && requalifyFrom === 'PQ'));
  }
  if (!allowed) {
    refuse('INVALID_STATE', `${stage} cannot be recorded for an instrument in state ${state}`);
  }
}

function failStage(
  status: QualificationStatus,
  group: UspGroup,
  stage: QualificationStage,
  at: string,
): QualificationStatus {
  const cleared = forgetPassesFrom(status, stage);
  if (status.state === 'QUALIFIED' && stage !== 'IQ') {
    return suspend(cleared, group, stage === 'OQ' ? 'FAILED_OQ' : 'FAILED_PQ', `${stage}@${at}`, at);
  }
  const { suspension } = status;
  if (status.state === 'SUSPENDED') {
    return suspension === undefined
      ? cleared
      : {
          ...cleared,
          suspension: { ...suspension, requalifyFrom: earlierStage(suspension.requalifyFrom, stage) },
        };
  }
  const before: Record<QualificationStage, StoredQualificationState> = {
    IQ: 'REGISTERED',
    OQ: 'IQ_PASSED',
    PQ: 'OQ_PASSED',
  };
  return { ...cleared, state: before[stage] };
}

/**
 * The status without the passes of `stage` and of every stage after it. A stage that fails no
 * longer counts as passed: otherwise a later suspension, which restarts from the first stage
 * never passed, could skip it.
 */
function forgetPassesFrom(status: QualificationStatus, stage: QualificationStage): QualificationStatus {
  const { iqPassedAt, oqPassedAt, pqPassedAt: _forgotten, ...rest } = status;
  const kept: QualificationStatus = { ...rest };
  if (iqPassedAt !== undefined && stage !== 'IQ') {
    kept.iqPassedAt = iqPassedAt;
  }
  if (oqPassedAt !== undefined && stage === 'PQ') {
    kept.oqPassedAt = oqPassedAt;
  }
  return kept;
}
