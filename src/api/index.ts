/** The SPI connectors, transformations and converters compile against. */
export * from './data/index.js';
export * from './errors.js';
export * from './headers.js';
export * from './record.js';
export * from './connector.js';
export * from './converter.js';
export * from './transformation.js';
export * from './offsets.js';
export * from './plugin.js';
export * from './sleep.js';
