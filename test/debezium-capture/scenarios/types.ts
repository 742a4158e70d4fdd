/**
 * Data type scenarios: the same tables and rows under each handling mode, one connector run per mode (the other
 * modes at their defaults). `types-default` is decimal precise, time adaptive, binary bytes, interval numeric,
 * hstore json.
 */
import type { Scenario } from '../scenario.js';
import { scenario } from './common.js';
import { TYPES_ROWS, TYPES_SETUP, TYPES_WORKLOAD } from './types-schema.js';

const MODES: ReadonlyArray<readonly [string, Readonly<Record<string, string>>]> = [
  ['default', {}],
  ['decimal-double', { 'decimal.handling.mode': 'double' }],
  ['decimal-string', { 'decimal.handling.mode': 'string' }],
  ['time-adaptive-time-microseconds', { 'time.precision.mode': 'adaptive_time_microseconds' }],
  ['time-connect', { 'time.precision.mode': 'connect' }],
  ['binary-base64', { 'binary.handling.mode': 'base64' }],
  ['binary-base64-url-safe', { 'binary.handling.mode': 'base64-url-safe' }],
  ['binary-hex', { 'binary.handling.mode': 'hex' }],
  ['interval-string', { 'interval.handling.mode': 'string' }],
  ['hstore-map', { 'hstore.handling.mode': 'map' }],
];

export const typeScenarios: readonly Scenario[] = MODES.map(([mode, extra]) =>
  scenario({
    name: `types-${mode}`,
    description: `every mapped type, snapshot and streaming, ${Object.entries(extra).map(([k, v]) => `${k}=${v}`).join(', ') || 'all handling modes at their defaults'}`,
    tables: ['all_types', 'more_types', 'with_defaults'],
    extra,
    setup: [...TYPES_SETUP, ...TYPES_ROWS],
    workload: TYPES_WORKLOAD.map((sql) => ({ sql })),
  }),
);
