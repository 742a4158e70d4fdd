import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { useService } from '../env/index.js';
import { kafkaClient } from '../env/services/kafka.js';
import { within } from '../support/timeout.js';

interface PluginInfo {
  readonly class: string;
  readonly type: string;
  readonly version: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return (await response.json()) as T;
}

async function waitForRunning(url: string, name: string): Promise<void> {
  for (;;) {
    const status = await getJson<{ connector: { state: string }; tasks: Array<{ state: string; trace?: string }> }>(
      `${url}/connectors/${name}/status`,
    ).catch(() => undefined);
    const failed = status?.tasks.find((t) => t.state === 'FAILED');
    if (failed) throw new Error(`connector ${name} task failed: ${failed.trace}`);
    if (status?.connector.state === 'RUNNING' && status.tasks[0]?.state === 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Kafka Connect with the real Debezium plugins', () => {
  it('lists the Debezium PostgreSQL, MariaDB and JDBC sink connectors', async () => {
    const info = await useService('connect');
    const plugins = await getJson<PluginInfo[]>(`${info.url}/connector-plugins`);
    const byClass = Object.fromEntries(plugins.map((p) => [p.class, `${p.type} ${p.version}`]));
    assert.equal(byClass['io.debezium.connector.postgresql.PostgresConnector'], `source ${info.debezium.postgres}`);
    assert.equal(byClass['io.debezium.connector.mariadb.MariaDbConnector'], `source ${info.debezium.mariadb}`);
    assert.equal(byClass['io.debezium.connector.jdbc.JdbcSinkConnector'], `sink ${info.debezium.jdbc}`);
    const root = await getJson<{ version: string }>(`${info.url}/`);
    assert.equal(root.version, info.version);
  });

  it('streams an insert from PostgreSQL 15 into Kafka as a Debezium change event', async () => {
    const connect = await useService('connect');
    const postgres = await useService('postgres15');
    const suffix = `${process.pid}_${Date.now()}`;
    const name = `smoke-dbz-${suffix}`;
    const table = `smoke_dbz_${suffix}`;
    const prefix = `smoke${process.pid}`;
    const topic = `${prefix}.public.${table}`;
    const db = new pg.Client({ connectionString: `${postgres.url}postgres` });
    const client = kafkaClient('tidewater-smoke-connect');
    const admin = client.admin();
    const consumer = client.consumer({ groupId: `${name}-reader` });
    await db.connect();
    await admin.connect();
    try {
      await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text)`);
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      const created = await fetch(`${connect.url}/connectors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          config: {
            'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
            'plugin.name': 'pgoutput',
            'database.hostname': postgres.host,
            'database.port': String(postgres.port),
            'database.user': postgres.user,
            'database.password': postgres.password,
            'database.dbname': 'postgres',
            'topic.prefix': prefix,
            'table.include.list': `public.${table}`,
            'slot.name': `slot_${suffix}`,
            'publication.name': `pub_${suffix}`,
            'publication.autocreate.mode': 'filtered',
            'slot.drop.on.stop': 'true',
          },
        }),
      });
      assert.equal(created.status, 201, await created.text());
      await within(waitForRunning(connect.url, name), 60_000, `connector ${name} to run`);

      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const value = new Promise<string>((resolve, reject) => {
        consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }).catch(reject);
      });
      await db.query(`INSERT INTO ${table} VALUES (1, 'hello tidewater')`);
      const event = JSON.parse(await within(value, 60_000, `a change event on ${topic}`)) as {
        schema: { name: string };
        payload: { op: string; before: unknown; after: unknown; source: { connector: string; version: string; table: string } };
      };
      assert.equal(event.schema.name, `${prefix}.public.${table}.Envelope`);
      assert.equal(event.payload.op, 'c');
      assert.equal(event.payload.before, null);
      assert.deepEqual(event.payload.after, { id: 1, name: 'hello tidewater' });
      assert.equal(event.payload.source.connector, 'postgresql');
      assert.equal(event.payload.source.version, connect.debezium.postgres);
      assert.equal(event.payload.source.table, table);
    } finally {
      await fetch(`${connect.url}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
      await consumer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
      await db.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`, [
        `slot_${suffix}`,
      ]).catch(() => undefined);
      await db.query(`DROP PUBLICATION IF EXISTS pub_${suffix}`);
      await db.query(`DROP TABLE IF EXISTS ${table}`);
      await db.end();
    }
  });
});
