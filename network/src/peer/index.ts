export * from './node';
export * from './installed';
export * from './tx-waiters';
export * from './committed-blocks';
