export * from './schema.js';
export * from './struct.js';
export * from './big-decimal.js';
// Importing the logical types registers their value validators.
export * from './logical.js';
