export * from './backend.js';
export * from './service.js';
export * from './plan.js';
export * from './requirements.js';
export * from './org-satisfaction.js';
export * from './proposal.js';
