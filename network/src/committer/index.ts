export type {
  ChaincodeDefinition,
  ChaincodeDefinitionView,
  CommitChannel,
  CommitContext,
  CommittedConfig,
  Committer,
} from './types';
export { createCommitter } from './committer';
export { checkTransaction, type TxCheck } from './tx-check';
export {
  checkEndorsements,
  endorsementSignedData,
  LIFECYCLE_NAMESPACE,
  VALIDATION_PARAMETER,
} from './endorsement';
export { checkReads } from './mvcc';
export { merkleSummary } from './merkle';
export { CommitError, type CommitErrorCode } from './errors';
