export * from './options.js';
export * from './status.js';
export * from './handlers.js';
export * from './server.js';
export * from './dial.js';
export * from './proto-types.js';
