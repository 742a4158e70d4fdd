import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/api/errors.js';
import { Password } from '../../../src/config/types.js';
import { parsePostgresConfig } from './parse.js';
import { POSTGRES_PROPERTIES } from './spec.js';

const MINIMAL = { 'topic.prefix': 'inventory', 'database.hostname': 'db', 'database.user': 'cdc', 'database.dbname': 'shop' };

function collectWarnings(): { warn: (message: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (message) => warnings.push(message), warnings };
}

describe('parsing a PostgreSQL connector config', () => {
  it('gives every property its default when it is not set', () => {
    const { values } = parsePostgresConfig(MINIMAL);
    const defaults = POSTGRES_PROPERTIES.filter((p) => !(p.name in MINIMAL)).map((p) => [p.name, p.default]);
    assert.deepEqual(
      defaults.map(([name]) => [name, values[name as keyof typeof values]]),
      defaults,
    );
    assert.equal(values['plugin.name'], 'pgoutput');
    assert.equal(values['snapshot.mode'], 'initial');
    assert.deepEqual(values['skipped.operations'], ['t']);
    assert.equal(values['slot.lag.max.bytes'], 10 * 1024 ** 3);
  });

  it('derives the settings the connector needs, with Debezium defaults where a property is unset', () => {
    const config = parsePostgresConfig(MINIMAL);
    assert.equal(config.snapshotFetchSize, 10240);
    assert.equal(config.signalKafkaTopic, 'inventory-signal');
    assert.deepEqual(Buffer.from(config.unavailableValuePlaceholder).toString(), '__debezium_unavailable_value');
    assert.deepEqual(config.filters, {
      schemaInclude: null,
      schemaExclude: null,
      tableInclude: null,
      tableExclude: null,
      columnInclude: null,
      columnExclude: null,
      messagePrefixInclude: null,
      messagePrefixExclude: null,
      snapshotInclude: null,
    });
    assert.deepEqual([config.messageKeyColumns, config.snapshotSelectOverrides, config.columnMappers, config.replicaIdentityAutoset], [[], [], [], []]);
    assert.equal(config.customMetricTags.size, 0);
    assert.deepEqual([config.initialStatements, [...config.streamParams]], [[], []]);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.values));
  });

  it('types values: numbers, booleans, lists, passwords, enums as their literals whatever the case', () => {
    const { values } = parsePostgresConfig({
      ...MINIMAL,
      'database.port': 6543,
      'database.password': 's3cret',
      'slot.drop.on.stop': 'TRUE',
      'snapshot.mode': ' Never ',
      'incremental.snapshot.watermarking.strategy': 'insert_delete',
      'database.sslmode': 'VERIFY-FULL',
      'table.include.list': 'public.a, public.b',
    });
    assert.equal(values['database.port'], 6543);
    assert.ok(values['database.password'] instanceof Password);
    assert.equal(values['database.password']?.value, 's3cret');
    assert.equal(values['slot.drop.on.stop'], true);
    assert.equal(values['snapshot.mode'], 'never');
    assert.equal(values['incremental.snapshot.watermarking.strategy'], 'INSERT_DELETE');
    assert.equal(values['database.sslmode'], 'verify-full');
    assert.deepEqual(values['table.include.list'], ['public.a', 'public.b']);
  });

  it('throws one ConfigError with every problem, in Debezium words', () => {
    assert.throws(
      () => parsePostgresConfig({ 'database.hostname': 'db', 'slot.name': 'Orders', 'plugin.name': 'decoderbufs' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.key, 'topic.prefix');
        assert.deepEqual(err.message.split('\n'), [
          "The 'topic.prefix' value is invalid: A value is required",
          "The 'database.user' value is invalid: A value is required",
          "The 'database.dbname' value is invalid: A value is required",
          "The 'plugin.name' value is invalid: Tidewater reads only pgoutput; set plugin.name=pgoutput",
          "The 'slot.name' value is invalid: Valid replication slot name must contain only digits, lowercase characters and underscores with length <= 63",
        ]);
        return true;
      },
    );
  });

  it('reads pre-2.0 names with a deprecation warning; the current name wins when both are given', () => {
    const { warn, warnings } = collectWarnings();
    const config = parsePostgresConfig(
      {
        'database.hostname': 'db',
        'database.user': 'cdc',
        'database.dbname': 'shop',
        'database.server.name': 'legacy',
        'table.whitelist': 'public.users',
        'schema.blacklist': 'audit',
        'column.blacklist': 'public.users.ssn',
        'table.include.list': 'public.orders',
      },
      warn,
    );
    assert.equal(config.values['topic.prefix'], 'legacy');
    assert.deepEqual(config.values['table.include.list'], ['public.orders']);
    assert.deepEqual([config.filters.tableInclude, config.filters.schemaExclude, config.filters.columnExclude], ['public.orders', 'audit', 'public.users.ssn']);
    assert.deepEqual(warnings, [
      'Configuration "database.server.name" is deprecated; use "topic.prefix" instead',
      'Configuration "column.blacklist" is deprecated; use "column.exclude.list" instead',
      'Configuration "schema.blacklist" is deprecated; use "schema.exclude.list" instead',
    ]);
  });

  it('warns about settings Tidewater ignores and about a slot whose position is never confirmed', () => {
    const { warn, warnings } = collectWarnings();
    parsePostgresConfig({ ...MINIMAL, 'heartbeat.topics.prefix': 'beats', 'query.fetch.size': '500', 'flush.lsn.source': 'false', 'executor.shutdown.timeout.ms': '4000' }, warn);
    assert.deepEqual(warnings, [
      'Configuration "query.fetch.size" is ignored by Tidewater: a JDBC driver setting; Tidewater\'s streaming queries read small results whole',
      'Configuration "heartbeat.topics.prefix" is ignored by Tidewater: Debezium 3.2 ignores it too: heartbeat topics are named from topic.heartbeat.prefix',
      'flush.lsn.source=false: positions are not confirmed to the slot, so PostgreSQL keeps its WAL until something else advances the slot',
    ]);
  });

  it('derives key columns, replica identities, select overrides, column mappers, metric tags and a hex placeholder', () => {
    const { warn, warnings } = collectWarnings();
    const config = parsePostgresConfig(
      {
        ...MINIMAL,
        'message.key.columns': 'public.orders:id,region',
        'replica.identity.autoset.values': 'public.orders:full',
        'snapshot.select.statement.overrides': 'public.orders,public.items',
        'snapshot.select.statement.overrides.public.orders': 'SELECT * FROM public.orders WHERE id > 100',
        'column.mask.with.3.chars': 'public.users.name',
        'custom.metric.tags': 'env=prod, team = data, env=test',
        'unavailable.value.placeholder': 'hex:deadbeef',
        'signal.kafka.topic': 'signals',
        'snapshot.fetch.size': 500,
      },
      warn,
    );
    assert.deepEqual(config.messageKeyColumns.map((r) => [r.table, r.columns]), [['public.orders', ['id', 'region']]]);
    assert.deepEqual(config.replicaIdentityAutoset.map((r) => [r.table, r.identity]), [['public.orders', 'FULL']]);
    assert.deepEqual(config.snapshotSelectOverrides, [
      { listed: 'public.orders', schema: 'public', table: 'orders', statement: 'SELECT * FROM public.orders WHERE id > 100' },
    ]);
    assert.deepEqual(config.columnMappers, [{ kind: 'mask', key: 'column.mask.with.3.chars', length: 3, columns: 'public.users.name' }]);
    assert.deepEqual([...config.customMetricTags], [['env', 'test'], ['team', 'data']]);
    assert.deepEqual([...config.unavailableValuePlaceholder], [0xde, 0xad, 0xbe, 0xef]);
    assert.equal(config.signalKafkaTopic, 'signals');
    assert.equal(config.snapshotFetchSize, 500);
    assert.deepEqual(warnings, [
      'Detected snapshot.select.statement.overrides for snapshot.select.statement.overrides.public.items but no statement property public.items defined',
      'There are duplicated key-value pairs: env=prod, team = data, env=test',
    ]);
  });
});

describe('the Debezium PostgreSQL configs among the seeds', () => {
  const dir = new URL('../../../test/fixtures/seeds/', import.meta.url);
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, seed: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { config?: Record<string, unknown> } }))
    .filter(({ seed }) => seed.config?.['connector.class'] === 'io.debezium.connector.postgresql.PostgresConnector');

  it('are there', () => assert.ok(seeds.length >= 4, `${seeds.length} seeds`));

  for (const { file, seed } of seeds) {
    it(`${file} parses unchanged, warning only about pre-2.0 names`, () => {
      const { warn, warnings } = collectWarnings();
      const config = parsePostgresConfig(seed.config ?? {}, warn);
      assert.equal(config.values['plugin.name'], 'pgoutput');
      for (const warning of warnings) assert.match(warning, /^Configuration "(database\.server\.name|table\.whitelist)" is deprecated/);
      assert.ok(config.filters.tableInclude);
    });
  }
});
