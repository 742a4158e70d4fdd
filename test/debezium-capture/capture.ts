/**
 * Captures what the real Debezium PostgreSQL connector (3.2.7.Final on Kafka Connect 3.9.1) emits for each
 * scenario, on PostgreSQL 15 and 18, into test/fixtures/debezium-3.2/.
 *
 *   node --import tsx test/debezium-capture/capture.ts [--pg 15,18] [--only name,…] [--from name] [--out DIR] [--raw DIR] [--keep] [--list]
 *
 * --pg     PostgreSQL major versions to run on (default 15,18)
 * --only   scenario names (default: all)
 * --from   start at this scenario (in --list order), e.g. to resume an interrupted capture
 * --out    write under DIR instead of test/fixtures/debezium-3.2 (e.g. to check a re-run against the fixtures)
 * --raw    also write the records before normalisation to DIR/postgres-<v>/<name>.jsonl
 * --keep   leave connector, database and topics in place after each run (debugging)
 * --list   print the scenario names and exit
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { useService } from '../env/index.js';
import { toFixture, toJsonl } from './fixture-format.js';
import { captureScenario } from './harness.js';
import { writeScenarioFiles, writeSummary, type ScenarioSummary } from './fixture-files.js';
import { allScenarios } from './scenarios/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'debezium-3.2');

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: `${url}postgres` });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

const { values } = parseArgs({
  options: {
    pg: { type: 'string', default: '15,18' },
    only: { type: 'string' },
    from: { type: 'string' },
    raw: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const s of allScenarios) console.log(`${s.name}\t${s.description}`);
  process.exit(0);
}

const only = values.only?.split(',').filter(Boolean);
const unknown = (only ?? []).filter((n) => !allScenarios.some((s) => s.name === n));
if (unknown.length > 0) throw new Error(`unknown scenarios: ${unknown.join(', ')}`);
const fromIndex = values.from === undefined ? 0 : allScenarios.findIndex((s) => s.name === values.from);
if (fromIndex < 0) throw new Error(`unknown scenario: ${values.from}`);
const chosen = allScenarios.filter((s, i) => i >= fromIndex && (!only || only.includes(s.name)));
const versions = (values.pg ?? '').split(',').map(Number);

const out = values.out ?? FIXTURES;
const connect = await useService('connect');
for (const s of chosen) writeScenarioFiles(out, s);
for (const version of versions) {
  const postgres = await useService(version === 15 ? 'postgres15' : version === 18 ? 'postgres18' : (() => {
    throw new Error(`no PostgreSQL ${version} service`);
  })());
  const dir = join(out, `postgres-${version}`);
  mkdirSync(dir, { recursive: true });
  const summaries: ScenarioSummary[] = [];
  const server = await serverVersion(postgres.url);
  for (const s of chosen) {
    if (s.minMajorVersion !== undefined && version < s.minMajorVersion) continue;
    const started = Date.now();
    const result = await captureScenario(connect, postgres, s, { keep: values.keep, log: (l) => console.log(`[pg${version}] ${l}`) });
    writeFileSync(join(dir, `${s.name}.jsonl`), toJsonl(result.records.map((r) => toFixture(r))));
    if (values.raw) {
      mkdirSync(join(values.raw, `postgres-${version}`), { recursive: true });
      writeFileSync(join(values.raw, `postgres-${version}`, `${s.name}.jsonl`), toJsonl(result.records.map((r) => toFixture(r, false))));
    }
    const topics: Record<string, number> = {};
    for (const r of result.records) topics[r.topic] = (topics[r.topic] ?? 0) + 1;
    summaries.push({ name: s.name, records: result.records.length, topics, stepErrors: result.outcomes, warnings: result.warnings });
    writeSummary(dir, server, summaries);
    console.log(`[pg${version}] ${s.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
