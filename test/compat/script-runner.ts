/**
 * Runs a user's bash script unchanged, with the recording curl (test/fixtures/scripts/recording-curl) first
 * on PATH: the script's own output is untouched, and the test also learns the HTTP status of every call.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../env/paths.js';
import { within } from '../support/timeout.js';

export const SCRIPTS = join(repoRoot, 'test', 'fixtures', 'scripts');
const RECORDING_CURL = join(SCRIPTS, 'recording-curl', 'curl');
const SCRIPT_TIMEOUT_MS = 120_000;

export interface CurlCall {
  readonly method: string;
  /** The path of the URL called (the host differs between Tidewater and Kafka Connect). */
  readonly path: string;
  /** The HTTP status, or 'none' when curl got no answer. */
  readonly status: string;
}

export interface ScriptRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  /** curl's progress meters among other things: not compared (timings). */
  readonly stderr: string;
  readonly calls: readonly CurlCall[];
}

function realCurl(): string {
  return execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
}

function parseCalls(log: string): CurlCall[] {
  return log
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [method = '', url = '', status = ''] = line.split(' ');
      return { method, path: new URL(url).pathname, status };
    });
}

/** `bash <script>` with `env` added to the environment; resolves when the script has exited. */
export async function runScript(script: string, env: Readonly<Record<string, string>> = {}): Promise<ScriptRun> {
  const work = mkdtempSync(join(tmpdir(), 'tidewater-script-'));
  try {
    const bin = join(work, 'bin');
    mkdirSync(bin);
    copyFileSync(RECORDING_CURL, join(bin, 'curl'));
    chmodSync(join(bin, 'curl'), 0o755);
    const log = join(work, 'calls.log');
    const child = spawn('bash', [script], {
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH ?? ''}`, REAL_CURL: realCurl(), CURL_CALL_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await within(
      new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code))),
      SCRIPT_TIMEOUT_MS,
      `bash ${script}`,
    );
    return { exitCode, stdout, stderr, calls: existsSync(log) ? parseCalls(readFileSync(log, 'utf8')) : [] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
