export * from './types.js';
export * from './validators.js';
export * from './spec.js';
