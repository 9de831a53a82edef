export * from './backend';
export * from './service';
export * from './plan';
export * from './requirements';
export * from './org-satisfaction';
export * from './proposal';
