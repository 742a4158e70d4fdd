import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { repoRoot } from './env/paths.js';
import { within } from './support/timeout.js';

const REST_PORT = 18093;
const PG_PORT = 15441;

async function untilAnswers(url: string): Promise<Response> {
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function pollJson(url: string, done: (body: unknown) => boolean): Promise<unknown> {
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) {
      const body: unknown = await response.json();
      if (done(body)) return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function orderCount(): Promise<number> {
  const client = new pg.Client({ connectionString: `postgres://postgres:tidewater@127.0.0.1:${PG_PORT}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM inventory.orders');
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe('tidewater demo (what `npm start` runs)', () => {
  it('serves GET / on the REST port with an embedded PostgreSQL whose demo data keeps changing, and stops cleanly', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tidewater-demo-test-'));
    const demo = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--rest-port', String(REST_PORT), '--pg-port', String(PG_PORT)],
      { cwd: repoRoot, env: { ...process.env, TIDEWATER_DEMO_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
    try {
      const response = await within(untilAnswers(`http://127.0.0.1:${REST_PORT}/`), 60_000, 'the demo REST API');
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, string>;
      const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(Object.keys(body).sort(), ['commit', 'kafka_cluster_id', 'version']);
      assert.equal(body.version, pkg.version);
      assert.match(body.kafka_cluster_id ?? '', /^[A-Za-z0-9_-]{22}$/);

      const before = await orderCount();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.ok((await orderCount()) > before, 'the demo generator inserts orders every second');

      const base = `http://127.0.0.1:${REST_PORT}/connectors/demo-inventory-changes`;
      const status = await within(
        pollJson(`${base}/status`, (b) => (b as { tasks?: Array<{ state: string }> }).tasks?.[0]?.state === 'RUNNING'),
        60_000,
        'the demo connector task to run',
      );
      assert.equal((status as { connector: { state: string } }).connector.state, 'RUNNING');
      const topics = await within(
        pollJson(`${base}/topics`, (b) => ((b as Record<string, { topics: string[] }>)['demo-inventory-changes']?.topics.length ?? 0) > 0),
        60_000,
        'changes to reach the embedded topic log',
      );
      assert.deepEqual(topics, { 'demo-inventory-changes': { topics: ['demo.inventory.changes'] } });
    } finally {
      demo.kill('SIGTERM');
    }
    assert.equal(await within(exited, 30_000, 'the demo to exit'), 0, output);
    assert.match(output, /embedded PostgreSQL stopped/);
    await assert.rejects(orderCount(), /ECONNREFUSED/, 'the embedded PostgreSQL is stopped with the demo');
    rmSync(home, { recursive: true, force: true });
  });
});
