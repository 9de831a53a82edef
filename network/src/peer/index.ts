export * from './node';
export * from './installed';
export * from './tx-waiters';
export * from './committed-blocks';
export { fetchBlock, DeliverStatusError } from './genesis-fetch';
export { PeerDirectory } from './peer-directory';
