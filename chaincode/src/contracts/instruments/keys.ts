/**
 * Keys of instrument records. Every one carries a key-level policy naming the owning lab, so
 * only that lab's endorsement can change them.
 */
import type { LedgerStore } from '../../ledger/store';

/** `instrument` + [instrumentId]. */
export const INSTRUMENT_KEY_TYPE = 'instrument';
/** `qualification` + [instrumentId, qualificationId]. */
export const QUALIFICATION_KEY_TYPE = 'qualification';
/** `maintenance` + [instrumentId, maintenanceId]. */
export const MAINTENANCE_KEY_TYPE = 'maintenance';
/** `dailycheck` + [checkId]. */
export const DAILY_CHECK_KEY_TYPE = 'dailycheck';

/** The key of one instrument. */
export function instrumentKey(store: LedgerStore, instrumentId: string): string {
  return store.key(INSTRUMENT_KEY_TYPE, [instrumentId]);
}

/** The key of one qualification record. */
export function qualificationKey(store: LedgerStore, instrumentId: string, qualificationId: string): string {
  return store.key(QUALIFICATION_KEY_TYPE, [instrumentId, qualificationId]);
}

/** The key of one maintenance record. */
export function maintenanceKey(store: LedgerStore, instrumentId: string, maintenanceId: string): string {
  return store.key(MAINTENANCE_KEY_TYPE, [instrumentId, maintenanceId]);
}

/** The key of one daily performance check. */
export function dailyCheckKey(store: LedgerStore, checkId: string): string {
  return store.key(DAILY_CHECK_KEY_TYPE, [checkId]);
}
