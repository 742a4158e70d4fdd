import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRoot } from './paths.js';

/** One line per service step (install, start, reuse, stop) with its wall time, so slow CI runs show where time went. */
export interface ProgressLine {
  readonly at: string;
  readonly run: string;
  readonly service: string;
  readonly step: string;
  readonly seconds: number;
  readonly detail?: string;
}

function progressFile(): string {
  return join(runRoot(), 'progress.jsonl');
}

export function currentRunId(): string {
  return process.env.TIDEWATER_TEST_RUN_ID ?? `manual-${process.pid}`;
}

export function format(line: ProgressLine): string {
  const detail = line.detail ? `  ${line.detail}` : '';
  return `[services] ${line.service.padEnd(12)} ${line.step.padEnd(14)} ${line.seconds.toFixed(1).padStart(6)}s${detail}`;
}

export function report(service: string, step: string, startedAtMs: number, detail?: string): void {
  const line: ProgressLine = {
    at: new Date().toISOString(),
    run: currentRunId(),
    service,
    step,
    seconds: (Date.now() - startedAtMs) / 1000,
    ...(detail ? { detail } : {}),
  };
  process.stderr.write(`${format(line)}\n`);
  mkdirSync(runRoot(), { recursive: true });
  appendFileSync(progressFile(), `${JSON.stringify(line)}\n`);
}

export function linesOfRun(run: string): ProgressLine[] {
  if (!existsSync(progressFile())) return [];
  return readFileSync(progressFile(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProgressLine)
    .filter((l) => l.run === run);
}
