export * from './cutter.js';
export * from './chain.js';
export * from './admission.js';
export * from './node.js';
