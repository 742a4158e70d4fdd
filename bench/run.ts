/**
 * `npm run bench [-- --rows N --repetitions N]`: runs the benchmarks on the real services of test/env and
 * writes bench/results.json and BENCHMARKS.md. Measurements live here, never in timed test assertions.
 */
import { parseArgs } from 'node:util';
import { stopServicesOfRun, useService } from '../test/env/index.js';
import { currentRunId } from '../test/env/progress.js';
import { pgoutputCeiling } from './pgoutput-ceiling.js';
import { writeResults, type BenchResult } from './report.js';

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, repetitions: { type: 'string' } } });
  const rows = positiveInt(values.rows, 1_000_000, 'rows');
  const repetitions = positiveInt(values.repetitions, 3, 'repetitions');
  process.env.TIDEWATER_TEST_RUN_ID ??= `bench-${process.pid}`;
  const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const results: BenchResult[] = [];
  try {
    const postgres = await useService('postgres15');
    results.push(await pgoutputCeiling({ postgres, rows, repetitions, progress }));
  } finally {
    if (process.env.TIDEWATER_KEEP_SERVICES !== '1') await stopServicesOfRun(currentRunId());
  }
  const command = `npm run bench -- --rows ${rows} --repetitions ${repetitions}`;
  writeResults(results, command);
  for (const r of results) {
    process.stdout.write(`${r.system}: ${Math.round(r.eventsPerSecond.median)} events/s (median of ${r.repetitions})\n`);
  }
  process.stdout.write('wrote bench/results.json and BENCHMARKS.md\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
