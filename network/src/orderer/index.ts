export * from './cutter';
export * from './chain';
export * from './admission';
export * from './node';
export * from './config-update';
export * from './linger';
export * from './encoded-response';
