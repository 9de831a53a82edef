/**
 * Composite keys of the supply area. Each concept has its own object type so range scans stay
 * narrow: a lot's events, holds and lineage edges are scanned by the lot id prefix.
 */
import type { LedgerStore } from '../../ledger/store';

/** Object types, one per concept. */
export const SUPPLY_KEYS = {
  lot: 'lot',
  lotEvent: 'lot~event',
  errorDeclaration: 'lot~error',
  hold: 'lot~hold',
  transformation: 'transformation',
  lineageForward: 'lineage~fwd',
  lineageBackward: 'lineage~back',
  supplierLots: 'supplier~lot',
  badge: 'badge',
} as const;

/** Key of a lot or batch record. */
export const lotKey = (store: LedgerStore, lotId: string): string => store.key(SUPPLY_KEYS.lot, [lotId]);
/** Key of one EPCIS event about a lot. */
export const lotEventKey = (store: LedgerStore, lotId: string, eventId: string): string =>
  store.key(SUPPLY_KEYS.lotEvent, [lotId, eventId]);
/** Key of a hold. */
export const holdKey = (store: LedgerStore, lotId: string, holdId: string): string =>
  store.key(SUPPLY_KEYS.hold, [lotId, holdId]);
/** Key of a transformation. */
export const transformationKey = (store: LedgerStore, id: string): string =>
  store.key(SUPPLY_KEYS.transformation, [id]);
/** The lineage edge from an input lot to the batch made from it. */
export const forwardEdgeKey = (store: LedgerStore, input: string, output: string): string =>
  store.key(SUPPLY_KEYS.lineageForward, [input, output]);
/** The same edge seen from the batch. */
export const backwardEdgeKey = (store: LedgerStore, output: string, input: string): string =>
  store.key(SUPPLY_KEYS.lineageBackward, [output, input]);
/** Index of a supplier's lots by material (GTIN), for the badge rule. */
export const supplierLotKey = (store: LedgerStore, supplier: string, gtin: string, lotId: string): string =>
  store.key(SUPPLY_KEYS.supplierLots, [supplier, gtin, lotId]);
