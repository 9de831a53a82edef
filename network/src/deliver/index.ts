export * from './seek.js';
export * from './request.js';
export * from './transactions.js';
export * from './filtered.js';
export * from './height.js';
export * from './stream.js';
export * from './seek-envelope.js';
