export type { HistoryEntry, StateReader, Version, VersionedValue } from './state';
export { compareKeys, sortedKeys } from './key-order';
export { ChaincodeSupportError, type ChaincodeSupportErrorCode } from './errors';
export type { RangeQueryRecord, RecordedRead, RecordedWrite } from './rwset-builder';
export type { RangeScan, ScanResult } from './range-scan';
export { createTxSimulator, type SimulationResults, type TxSimulator } from './simulator';
export { MAX_RESULT_LIMIT, TOTAL_QUERY_LIMIT } from './query-iterators';
export type { ChaincodeTlsOptions, ConnectChaincodeOptions } from './connect';
export {
  connectChaincode,
  type ChaincodeExecuteRequest,
  type ChaincodeExecuteResult,
  type ChaincodeStream,
} from './stream';
