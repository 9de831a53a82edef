export * from './node.js';
export * from './installed.js';
export * from './tx-waiters.js';
export * from './committed-blocks.js';
