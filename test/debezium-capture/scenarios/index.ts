/** Every capture scenario, in the order the capture runs them. */
import type { Scenario } from '../scenario.js';
import { filterScenarios } from './filters.js';
import { seedScenarios } from './seeds.js';
import { streamingScenarios } from './streaming.js';
import { tableScenarios } from './tables.js';
import { typeScenarios } from './types.js';

export const allScenarios: readonly Scenario[] = [
  ...typeScenarios,
  ...tableScenarios,
  ...streamingScenarios,
  ...filterScenarios,
  ...seedScenarios,
];
