/**
 * Automatic suspension (rule 10) and what requalification must redo. Hardware, location and
 * software changes need a new OQ (OQ must run on the configuration in use); failed checks,
 * out-of-tolerance calibrations and bad CRMs need a new PQ.
 */
import type {
  QualificationStage,
  QualificationStatus,
  SuspensionCause,
  UspGroup,
} from '../../model/lab/instrument';
import { refuse } from './violation';

const CAUSE_STAGE: Readonly<Record<SuspensionCause, QualificationStage>> = {
  RELOCATION: 'OQ',
  MAJOR_REPAIR: 'OQ',
  CRITICAL_PART_REPLACEMENT: 'OQ',
  SOFTWARE_CHANGE: 'OQ',
  FIRMWARE_CHANGE: 'OQ',
  FAILED_OQ: 'OQ',
  MANUAL: 'OQ',
  FAILED_PQ: 'PQ',
  FAILED_SST: 'PQ',
  FAILED_DAILY_CHECK: 'PQ',
  CALIBRATION_OUT_OF_TOLERANCE: 'PQ',
  CRM_EXPIRED: 'PQ',
  CRM_REVOKED: 'PQ',
};

const ORDER: Readonly<Record<QualificationStage, number>> = { IQ: 0, OQ: 1, PQ: 2 };

/** Causes that reveal a failure of results already produced rather than a change made now. */
const FAILURE_CAUSES: readonly SuspensionCause[] = [
  'FAILED_OQ',
  'FAILED_PQ',
  'FAILED_SST',
  'FAILED_DAILY_CHECK',
  'CALIBRATION_OUT_OF_TOLERANCE',
];

/** The stage requalification must restart from after this cause. */
export function requalificationStage(cause: SuspensionCause): QualificationStage {
  return CAUSE_STAGE[cause];
}

/** The earlier (stricter) of two stages. */
export function earlierStage(a: QualificationStage, b: QualificationStage): QualificationStage {
  return ORDER[a] <= ORDER[b] ? a : b;
}

/** The first stage the instrument has never passed, if any. */
export function firstMissingStage(
  status: QualificationStatus,
  group: UspGroup,
): QualificationStage | undefined {
  if (status.iqPassedAt === undefined) {
    return 'IQ';
  }
  if (group !== 'A' && status.oqPassedAt === undefined) {
    return 'OQ';
  }
  return group === 'C' && status.pqPassedAt === undefined ? 'PQ' : undefined;
}

/**
 * Suspends an instrument. A second cause while suspended is added to the first, and the
 * requalification restarts from the stricter stage.
 */
export function suspend(
  status: QualificationStatus,
  group: UspGroup,
  cause: SuspensionCause,
  refId: string,
  at: string,
): QualificationStatus {
  if (status.state === 'RETIRED') {
    refuse('INVALID_STATE', 'a retired instrument cannot be suspended');
  }
  const missing = firstMissingStage(status, group);
  let from = requalificationStage(cause);
  if (missing !== undefined) {
    from = earlierStage(from, missing);
  }
  const current = status.suspension;
  if (status.state === 'SUSPENDED' && current !== undefined) {
    return {
      ...status,
      suspension: {
        causes: [...current.causes, cause],
        refIds: [...current.refIds, refId],
        since: current.since,
        requalifyFrom: earlierStage(current.requalifyFrom, from),
      },
    };
  }
  return {
    ...status,
    state: 'SUSPENDED',
    suspension: { causes: [cause], refIds: [refId], since: at, requalifyFrom: from },
  };
}

/**
 * From when results of the instrument are in doubt. A change (relocation, repair, new software)
 * affects results from the moment it happened; a failed check affects every result since the
 * last check that passed, because nothing proves the instrument was fine in between.
 */
export function suspectSince(
  cause: SuspensionCause,
  eventAt: string,
  lastPassingCheckAt: string | undefined,
): string {
  return FAILURE_CAUSES.includes(cause) && lastPassingCheckAt !== undefined ? lastPassingCheckAt : eventAt;
}
