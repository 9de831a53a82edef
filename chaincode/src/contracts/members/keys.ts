/**
 * Keys of the registrar's records. Accreditations and PT results are governance data kept by
 * the ACCREDITATION_REGISTRAR: no key-level policy, the channel's MAJORITY applies.
 */
import type { LedgerStore } from '../../ledger/store';

/** `accreditation` + [labMspId, body, certificateNumber]. */
export const ACCREDITATION_KEY_TYPE = 'accreditation';

/** `pt` + [labMspId, analyte, matrix, date, scheme, round]: scans by lab, then sub-field, in date order. */
export const PROFICIENCY_KEY_TYPE = 'pt';

/** The key of one accreditation. */
export function accreditationKey(
  store: LedgerStore,
  ref: { labMspId: string; body: string; certificateNumber: string },
): string {
  return store.key(ACCREDITATION_KEY_TYPE, [ref.labMspId, ref.body, ref.certificateNumber]);
}

/** The key of one PT result. */
export function proficiencyKey(
  store: LedgerStore,
  pt: { labMspId: string; analyte: string; matrix: string; date: string; scheme: string; round: string },
): string {
  return store.key(PROFICIENCY_KEY_TYPE, [pt.labMspId, pt.analyte, pt.matrix, pt.date, pt.scheme, pt.round]);
}
