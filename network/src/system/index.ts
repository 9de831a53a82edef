export type { ChannelView, LedgerView, SystemChaincode, SystemInvocation } from './types';
export type { TxLocation } from '../ledger';
export { aclFailure } from './acl';
export { qscc } from './qscc';
export { cscc } from './cscc';
