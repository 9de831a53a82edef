export * from './types.js';
export * from './file.js';
