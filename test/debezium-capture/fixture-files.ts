/**
 * The files beside the captured records: each scenario as JSON (replayable: setup, config, workload) and as
 * readable SQL, and per PostgreSQL version an index.json with record counts per topic and the workload steps
 * that failed as expected.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StepOutcome } from './harness.js';
import type { Scenario, Step } from './scenario.js';

export interface ScenarioSummary {
  readonly name: string;
  readonly records: number;
  readonly topics: Readonly<Record<string, number>>;
  readonly stepErrors: readonly StepOutcome[];
  readonly warnings: readonly string[];
}

function stepSql(step: Step, index: number): string {
  if ('sleepMs' in step) return `-- step ${index}: wait ${step.sleepMs} ms`;
  const expect = step.expectError === undefined ? '' : ` (fails: ${step.expectError})`;
  if ('tx' in step) {
    const end = step.expectError === undefined ? 'COMMIT;' : 'ROLLBACK;';
    return `-- step ${index}: one transaction${expect}\nBEGIN;\n${step.tx.map((s) => `${s};`).join('\n')}\n${end}`;
  }
  return `-- step ${index}${expect}\n${step.sql};`;
}

export function scenarioSql(scenario: Scenario): string {
  return [
    `-- ${scenario.name}: ${scenario.description}`,
    `-- database ${scenario.database}; each statement is its own transaction unless grouped`,
    '',
    '-- setup (before the connector starts; seen by the snapshot)',
    ...scenario.setup.map((s) => `${s};`),
    '',
    '-- workload (once the connector streams)',
    ...scenario.workload.map(stepSql),
    '',
  ].join('\n');
}

export function writeScenarioFiles(fixtures: string, scenario: Scenario): void {
  const dir = join(fixtures, 'scenarios');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario.name}.json`), `${JSON.stringify(scenario, null, 2)}\n`);
  writeFileSync(join(dir, `${scenario.name}.sql`), scenarioSql(scenario));
}

/** Merges `summaries` into `<dir>/index.json` (scenarios not run this time keep their entries). */
export function writeSummary(dir: string, server: string, summaries: readonly ScenarioSummary[]): void {
  const file = join(dir, 'index.json');
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: ScenarioSummary[] }).scenarios
    : [];
  const byName = new Map(previous.map((s) => [s.name, s]));
  for (const s of summaries) byName.set(s.name, s);
  const scenarios = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  writeFileSync(file, `${JSON.stringify({ postgres: server, debezium: '3.2.7.Final', connect: '3.9.1', scenarios }, null, 2)}\n`);
}
