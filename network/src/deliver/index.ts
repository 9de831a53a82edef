export * from './seek';
export * from './request';
export * from './transactions';
export * from './filtered';
export * from './height';
export * from './stream';
export * from './seek-envelope';
