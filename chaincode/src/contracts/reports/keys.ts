/**
 * Keys of reports, method validations and recognitions. Reports and method records carry a
 * key-level policy naming the issuing lab; recognitions carry none (the channel's MAJORITY
 * applies), so the registrar or the platform can suspend one without the lab's endorsement.
 */
import type { LedgerStore } from '../../ledger/store';

/** `report` + [reportId]. */
export const REPORT_KEY_TYPE = 'report';
/** `report~lot` + [lotId, reportId]. */
export const REPORT_BY_LOT = 'report~lot';
/** `method` + [labMspId, methodId, version]. */
export const METHOD_KEY_TYPE = 'method';
/** `recognition` + [reportId]. */
export const RECOGNITION_KEY_TYPE = 'recognition';
/** `recognition~lab` + [labMspId, reportId]. */
export const RECOGNITION_BY_LAB = 'recognition~lab';

/** The key of one report. */
export function reportKey(store: LedgerStore, reportId: string): string {
  return store.key(REPORT_KEY_TYPE, [reportId]);
}

/** The key of one method validation record. */
export function methodKey(store: LedgerStore, labMspId: string, methodId: string, version: string): string {
  return store.key(METHOD_KEY_TYPE, [labMspId, methodId, version]);
}

/** The key of one recognition. */
export function recognitionKey(store: LedgerStore, reportId: string): string {
  return store.key(RECOGNITION_KEY_TYPE, [reportId]);
}
