/** Keys of CRMs and calibrations; each carries a key-level policy naming the issuing lab. */
import type { LedgerStore } from '../../ledger/store';

/** `crm` + [crmId]. */
export const CRM_KEY_TYPE = 'crm';
/** `calibration` + [calibrationId]. */
export const CALIBRATION_KEY_TYPE = 'calibration';
/** `calibration~crm` + [crmId, calibrationId] → {@link CalibrationIndexEntry}: which calibrations used a CRM. */
export const CALIBRATION_BY_CRM = 'calibration~crm';

/** What the CRM index holds. */
export interface CalibrationIndexEntry {
  calibrationId: string;
  instrumentId: string;
}

/** The key of one CRM. */
export function crmKey(store: LedgerStore, crmId: string): string {
  return store.key(CRM_KEY_TYPE, [crmId]);
}

/** The key of one calibration. */
export function calibrationKey(store: LedgerStore, calibrationId: string): string {
  return store.key(CALIBRATION_KEY_TYPE, [calibrationId]);
}
