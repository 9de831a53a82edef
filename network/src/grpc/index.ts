export * from './options';
export * from './status';
export * from './handlers';
export * from './server';
export * from './dial';
export * from './proto-types';
export * from './codec';
