export type {
  Version,
  VersionedValue,
  StateReader,
  HistoryEntry,
  TxLocation,
  WriteSet,
  TxWrites,
  BlockCommit,
  PeerLedger,
  BlockStore,
} from './types';
export { openPeerLedger, rebuildState } from './peer-ledger';
export { openBlockStore, openChainStore, type ChainStore } from './block-store';
export { commitFromBlock, writeSetsFromRwset } from './block-commit';
export { compareUtf8 } from './keyorder';
export { PendingState, type StateUpdate } from './pending-state';
export { MemoryState } from './memory-state';
export { LedgerError, type LedgerErrorCode } from './errors';
