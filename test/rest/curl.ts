import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CurlResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The header lines as sent (name case and order included). */
  readonly rawHeaders: readonly string[];
}

/** Runs curl (asynchronously: the server under test lives in this process) and parses its `-i` output. */
export async function curl(args: readonly string[]): Promise<CurlResponse> {
  const { stdout } = await run('curl', ['-sS', '-i', '--max-time', '10', ...args], { encoding: 'utf8' });
  const split = stdout.indexOf('\r\n\r\n');
  const head = split < 0 ? stdout : stdout.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: split < 0 ? '' : stdout.slice(split + 4), rawHeaders: lines };
}

/** Runs a shell pipeline (for `curl … | jq …`). */
export async function shell(script: string): Promise<string> {
  const { stdout } = await run('bash', ['-o', 'pipefail', '-c', script], { encoding: 'utf8' });
  return stdout;
}

export async function hasCommand(command: string): Promise<boolean> {
  return run('bash', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}
