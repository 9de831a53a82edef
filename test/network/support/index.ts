export * from './rwset';
export * from './envelope';
export * from './blocks';
export * from './channel';
