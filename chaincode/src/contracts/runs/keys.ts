/**
 * Keys of test runs and their indexes. Indexes are composite keys whose value says enough to
 * answer "which lots were tested with ..." without reading each run.
 */
import type { LedgerStore } from '../../ledger/store';

/** `run` + [runId]. */
export const RUN_KEY_TYPE = 'run';
/** `run~instrument` + [instrumentId, runId] → {@link RunIndexEntry}. */
export const RUN_BY_INSTRUMENT = 'run~instrument';
/** `run~calibration` + [calibrationId, runId] → {@link RunIndexEntry}. */
export const RUN_BY_CALIBRATION = 'run~calibration';
/** `run~lot` + [lotId, runId] → {@link RunIndexEntry}. */
export const RUN_BY_LOT = 'run~lot';

/** `run~lab` + [labMspId, runId] → {@link RunIndexEntry}. */
export const RUN_BY_LAB = 'run~lab';

/** What a run index entry holds. */
export interface RunIndexEntry {
  runId: string;
  lotId: string;
  labMspId: string;
  startedAt: string;
  endedAt: string;
}

/** The key of one run. */
export function runKey(store: LedgerStore, runId: string): string {
  return store.key(RUN_KEY_TYPE, [runId]);
}
