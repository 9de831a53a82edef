export type { ChannelView, LedgerView, SystemChaincode, SystemInvocation, TxLocation } from './types';
export { aclFailure, DEFAULT_ACLS } from './acl';
export { qscc } from './qscc';
export { cscc } from './cscc';
