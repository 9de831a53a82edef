/** The committed-state view the simulator reads: the ledger's interfaces. */
export type { HistoryEntry, StateReader, Version, VersionedValue } from '../ledger';
