/**
 * Every connector configuration of the seed guides (test/fixtures/seeds, one file each, kept as written —
 * `${secrets:…}` and `${file:…}` references included, as Kafka leaves references to providers it does not
 * have), validated the way users do: `PUT /connector-plugins/{simple class name}/config/validate` on a
 * Tidewater standalone worker. The table says what each must give today; when a connector lands, flip its
 * rows (to 'valid', or to the errors Kafka Connect reports for that config, noted per row).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../env/paths.js';
import { startStandaloneWorker, type StandaloneProcess } from './standalone-process.js';

/**
 * 'valid': zero errors. 'plugin-missing': Kafka's 500 "Failed to find any class that implements Connector
 * and which name matches <class>, …". errors: the validation's error messages, in order.
 */
type Outcome = 'valid' | 'plugin-missing' | { readonly errors: readonly string[] };

interface SeedConfig {
  readonly outcome: Outcome;
  /** For a config written without its name (a `PUT /connectors/{name}/config` body): the name in the URL. */
  readonly nameInUrl?: string;
}

// Kafka Connect 3.9.1 with Debezium PostgreSQL 3.2.7.Final (the `connect` test service), observed 2026-11-21:
// the file connectors are valid; the Confluent JDBC, Elasticsearch and S3 connectors are missing there too;
// the Debezium PostgreSQL configs give the errors noted on their rows.
const SEED_CONFIGS: Readonly<Record<string, SeedConfig>> = {
  '000-01-jdbc-source-orders.json': { outcome: 'plugin-missing' },
  // Kafka: 1 error, "Error while validating connector config: The connection attempt failed." (host `postgres`).
  '000-02-debezium-postgres-source.json': { outcome: 'plugin-missing' },
  '000-03-file-source-logs.json': { outcome: 'valid' },
  '000-04-elasticsearch-sink.json': { outcome: 'plugin-missing' },
  '000-05-jdbc-sink-analytics.json': { outcome: 'plugin-missing' },
  '000-06-s3-sink-datalake.json': { outcome: 'plugin-missing' },
  '000-07-orders-source-with-transforms.json': { outcome: 'plugin-missing' },
  '000-08-orders-source.json': { outcome: 'plugin-missing' },
  '000-09-orders-source-config-update.json': { outcome: 'plugin-missing', nameInUrl: 'orders-source' },
  '000-10-elasticsearch-sink-with-dlq.json': { outcome: 'plugin-missing' },
  '001-01-postgres-source.json': { outcome: 'plugin-missing' },
  '001-02-elasticsearch-sink.json': { outcome: 'plugin-missing' },
  '001-03-orders-sink.json': { outcome: 'plugin-missing' },
  '001-04-orders-source.json': { outcome: 'plugin-missing' },
  // Kafka: 1 error, "The 'topic.prefix' value is invalid: A value is required" (the guide predates Debezium 2).
  '001-05-postgres-cdc.json': { outcome: 'plugin-missing' },
  '001-06-postgres-products-source.json': { outcome: 'plugin-missing' },
  '001-07-products-elasticsearch-sink.json': { outcome: 'plugin-missing' },
  '002-01-file-source.json': { outcome: 'valid' },
  '002-02-jdbc-source.json': { outcome: 'plugin-missing' },
  // Kafka: 1 error, "The 'topic.prefix' value is invalid: A value is required".
  '002-03-postgres-cdc.json': { outcome: 'plugin-missing' },
  '002-04-file-sink.json': { outcome: 'valid' },
  '002-05-jdbc-sink.json': { outcome: 'plugin-missing' },
  '002-06-elasticsearch-sink.json': { outcome: 'plugin-missing' },
  '002-07-error-handling-sink.json': { outcome: 'plugin-missing' },
  '002-08-postgres-source.json': { outcome: 'plugin-missing' },
  '002-09-elasticsearch-sink.json': { outcome: 'plugin-missing' },
  // Kafka: 3 errors: io.confluent.connect.avro.AvroConverter "could not be found" for key.converter and
  // value.converter, and "Error while validating connector config: The connection attempt failed.".
  '003-01-postgres-cdc-orders.json': { outcome: 'plugin-missing' },
};

const SEEDS = join(repoRoot, 'test', 'fixtures', 'seeds');

type JsonConfig = Record<string, string | number | boolean>;

/** The config to validate, values as written: a REST body's `config` plus its `name` (as POST adds it). */
function configOf(file: string, row: SeedConfig): JsonConfig {
  const parsed = JSON.parse(readFileSync(join(SEEDS, file), 'utf8')) as Record<string, unknown>;
  const { name, config } = parsed;
  if (typeof config === 'object' && config !== null) return { ...(config as JsonConfig), name: String(name) };
  const flat = parsed as JsonConfig;
  return row.nameInUrl ? { ...flat, name: row.nameInUrl } : flat;
}

const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface ValidateAnswer {
  readonly status: number;
  readonly body: {
    readonly name?: string;
    readonly error_count?: number;
    readonly configs?: ReadonlyArray<{ readonly value: { readonly errors: readonly string[] } }>;
    readonly message?: string;
  };
}

async function validate(url: string, config: JsonConfig): Promise<ValidateAnswer> {
  const className = String(config['connector.class']);
  const plugin = className.slice(className.lastIndexOf('.') + 1);
  const response = await fetch(`${url}/connector-plugins/${encodeURIComponent(plugin)}/config/validate`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  return { status: response.status, body: (await response.json()) as ValidateAnswer['body'] };
}

describe('the seed guides’ connector configs, validated on Tidewater', () => {
  let worker: StandaloneProcess;

  before(async () => {
    worker = await startStandaloneWorker({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    if (worker) assert.equal(await worker.stop(), 0, worker.output());
  });

  it('has an expected outcome for every config in test/fixtures/seeds', () => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(SEED_CONFIGS).sort());
  });

  for (const [file, row] of Object.entries(SEED_CONFIGS)) {
    const label = typeof row.outcome === 'string' ? row.outcome : `${row.outcome.errors.length} error(s)`;
    it(`${file}: ${label}`, async () => {
      const config = configOf(file, row);
      const className = String(config['connector.class']);
      const { status, body } = await validate(worker.url, config);
      if (row.outcome === 'plugin-missing') {
        assert.equal(status, 500, JSON.stringify(body));
        // Kafka prefixes this message with "org.apache.kafka.connect.errors.ConnectException: " on this
        // endpoint; bad-input.it.test.ts holds Tidewater to the exact message.
        const missing = new RegExp(
          `^(org\\.apache\\.kafka\\.connect\\.errors\\.ConnectException: )?Failed to find any class that implements Connector ` +
            `and which name matches ${regexEscape(className)}, available connectors are: PluginDesc\\{`,
        );
        assert.match(body.message ?? '', missing);
        return;
      }
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.name, className);
      const errors = (body.configs ?? []).flatMap((c) => c.value.errors);
      assert.deepEqual(errors, row.outcome === 'valid' ? [] : row.outcome.errors);
      assert.equal(body.error_count, errors.length);
    });
  }
});
