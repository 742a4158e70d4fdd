import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POSTGRES_CONNECTOR_SPEC, POSTGRES_PROPERTY_BY_NAME } from './spec.js';
import { validatePostgresConfig } from './validate.js';
import { DEBEZIUM_FACTS } from './test/debezium-facts.js';

const MINIMAL = { 'topic.prefix': 'p', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' };

/** Every error of a validation, by key. */
function errorsOf(config: Readonly<Record<string, unknown>>): Record<string, string[]> {
  const values = POSTGRES_CONNECTOR_SPEC.validate(config);
  validatePostgresConfig(config, values);
  return Object.fromEntries(values.filter((v) => v.errors.length).map((v) => [v.name, v.errors]));
}

const errorsWith = (extra: Readonly<Record<string, unknown>>) => errorsOf({ ...MINIMAL, ...extra });

describe("validating a PostgreSQL connector config as Debezium's validate does", () => {
  for (const recorded of DEBEZIUM_FACTS.cases) {
    it(`reports Debezium's exact problems: ${recorded.name}`, () => {
      const debeziumOnly = Object.fromEntries(
        Object.entries(errorsOf(recorded.config))
          .filter(([key]) => POSTGRES_PROPERTY_BY_NAME.get(key)?.origin === 'debezium')
          .map(([key, errors]) => [key, errors.filter((e) => !e.includes('Tidewater'))] as const)
          .filter(([, errors]) => errors.length),
      );
      assert.deepEqual(debeziumOnly, recorded.errors);
    });
  }

  it('applies the include/exclude rule to the pre-2.0 names too', () => {
    assert.deepEqual(errorsWith({ 'table.whitelist': 'public.a', 'table.blacklist': 'public.b' }), {
      'table.exclude.list': ['The \'table.exclude.list\' value is invalid: "table.include.list" is already specified'],
    });
  });

  it('checks the properties Debezium reads outside its ConfigDef, in its words', () => {
    assert.deepEqual(errorsWith({ 'topic.delimiter': '/', 'skip.messages.without.change': 'yes', 'field.name.adjustment.mode': 'x' }), {
      'topic.delimiter': ["The 'topic.delimiter' value is invalid: / has invalid format (only the underscore, hyphen, dot and alphanumeric characters are allowed)"],
      'skip.messages.without.change': [
        "The 'skip.messages.without.change' value is invalid: Either 'true' or 'false' is expected",
        "The 'skip.messages.without.change' value is invalid: Either 'true' or 'false' is expected",
      ],
      'field.name.adjustment.mode': ["The 'field.name.adjustment.mode' value is invalid: Value must be one of none, avro_unicode, avro"],
    });
  });
});

describe("validating what Tidewater cannot honour", () => {
  it('accepts a seed-like config with pgoutput', () => {
    assert.deepEqual(errorsWith({ 'plugin.name': 'pgoutput', 'slot.name': 'debezium_orders', 'publication.autocreate.mode': 'filtered' }), {});
  });

  it('tells users of decoderbufs (or any other plug-in) to set plugin.name=pgoutput', () => {
    assert.deepEqual(errorsWith({ 'plugin.name': 'decoderbufs' }), {
      'plugin.name': ["The 'plugin.name' value is invalid: Tidewater reads only pgoutput; set plugin.name=pgoutput"],
    });
    assert.deepEqual(errorsWith({ 'plugin.name': 'wal2json' }), {
      'plugin.name': [
        "The 'plugin.name' value is invalid: Value must be one of decoderbufs, pgoutput",
        "The 'plugin.name' value is invalid: Tidewater reads only pgoutput; set plugin.name=pgoutput",
      ],
    });
  });

  it('rejects the custom snapshot, locking and query modes, with what to use instead', () => {
    assert.deepEqual(
      errorsWith({
        'snapshot.mode': 'custom',
        'snapshot.mode.custom.name': 'mine',
        'snapshot.locking.mode': 'CUSTOM',
        'snapshot.locking.mode.custom.name': 'mine',
        'snapshot.query.mode': 'custom',
        'snapshot.query.mode.custom.name': 'mine',
      }),
      {
        'snapshot.mode': [
          "The 'snapshot.mode' value is invalid: Tidewater cannot load custom Java implementations (snapshot.mode=custom); use configuration_based and the snapshot.mode.configuration.based.* properties",
        ],
        'snapshot.locking.mode': ["The 'snapshot.locking.mode' value is invalid: Tidewater cannot load custom Java implementations (snapshot.locking.mode=custom); use shared or none"],
        'snapshot.query.mode': [
          "The 'snapshot.query.mode' value is invalid: Tidewater cannot load custom Java implementations (snapshot.query.mode=custom); use select_all and snapshot.select.statement.overrides",
        ],
      },
    );
  });

  it('rejects Java classes: converters, post processors, naming and metadata strategies, connection factories', () => {
    assert.deepEqual(
      errorsWith({
        converters: 'isbn',
        'post.processors': 'reselector',
        'topic.naming.strategy': 'io.debezium.schema.DefaultTopicNamingStrategy',
        'transaction.metadata.factory': 'com.example.Factory',
        'sourceinfo.struct.maker': 'com.example.Maker',
        'database.connection.factory.class': 'com.example.Iam',
      }),
      {
        converters: ["The 'converters' value is invalid: Tidewater cannot load custom converters (Java classes); remove converters and its <prefix>.* properties"],
        'post.processors': ["The 'post.processors' value is invalid: Tidewater cannot load post processors (Java classes); remove post.processors and its <prefix>.* properties"],
        'topic.naming.strategy': [
          "The 'topic.naming.strategy' value is invalid: Tidewater cannot load the Java class io.debezium.schema.DefaultTopicNamingStrategy; remove topic.naming.strategy or set it to io.debezium.schema.SchemaTopicNamingStrategy",
        ],
        'transaction.metadata.factory': [
          "The 'transaction.metadata.factory' value is invalid: Tidewater cannot load the Java class com.example.Factory; remove transaction.metadata.factory or set it to io.debezium.pipeline.txmetadata.DefaultTransactionMetadataFactory",
        ],
        'sourceinfo.struct.maker': [
          "The 'sourceinfo.struct.maker' value is invalid: Tidewater cannot load the Java class com.example.Maker; remove sourceinfo.struct.maker or set it to io.debezium.connector.postgresql.PostgresSourceInfoStructMaker",
        ],
        'database.connection.factory.class': ["The 'database.connection.factory.class' value is invalid: Tidewater cannot load the connection factory class com.example.Iam; remove database.connection.factory.class"],
      },
    );
    assert.deepEqual(errorsWith({ converters: '', 'topic.naming.strategy': 'io.debezium.schema.SchemaTopicNamingStrategy' }), {});
  });

  it('accepts the source and kafka signal channels and the log notification channel, and names the others', () => {
    assert.deepEqual(errorsWith({ 'signal.enabled.channels': 'source,kafka', 'notification.enabled.channels': 'log' }), {});
    assert.deepEqual(errorsWith({ 'signal.enabled.channels': 'source,jmx,file', 'notification.enabled.channels': 'log,jmx,sink', 'notification.sink.topic.name': 'n' }), {
      'signal.enabled.channels': ["The 'signal.enabled.channels' value is invalid: Tidewater supports only the source and kafka signal channels; remove jmx, file from signal.enabled.channels"],
      'notification.enabled.channels': ["The 'notification.enabled.channels' value is invalid: Tidewater supports only the log notification channel; remove jmx, sink from notification.enabled.channels"],
    });
  });

  it('rejects read-only incremental snapshots and OpenLineage, but accepts them switched off', () => {
    assert.deepEqual(errorsWith({ 'read.only': 'true', 'openlineage.integration.enabled': 'TRUE' }), {
      'read.only': ["The 'read.only' value is invalid: Tidewater does not support read-only incremental snapshots yet; remove read.only or set it to false"],
      'openlineage.integration.enabled': ["The 'openlineage.integration.enabled' value is invalid: Tidewater does not emit OpenLineage events; remove openlineage.integration.enabled or set it to false"],
    });
    assert.deepEqual(errorsWith({ 'read.only': 'false', 'openlineage.integration.enabled': 'false', 'openlineage.integration.job.namespace': 'x' }), {});
  });

  it('understands only the non-validating pgjdbc SSL factory', () => {
    assert.deepEqual(errorsWith({ 'database.sslfactory': 'org.postgresql.ssl.NonValidatingFactory' }), {});
    assert.deepEqual(errorsWith({ 'database.sslfactory': 'com.example.Factory' }), {
      'database.sslfactory': [
        "The 'database.sslfactory' value is invalid: Tidewater cannot load the SSL socket factory com.example.Factory; it understands only org.postgresql.ssl.NonValidatingFactory (TLS without certificate validation), otherwise use database.sslmode and database.sslrootcert",
      ],
    });
  });
});

describe('validating the column-mapping key families and the Tidewater extensions', () => {
  it('reports unusable family members on the family key Debezium declares', () => {
    assert.deepEqual(
      errorsWith({
        'column.mask.hash.SHA-999.with.salt.pepper': 'public.users.email',
        'column.mask.hash.v2.SHA-256.with.salt.pepper': 'public.(users',
        'column.truncate.to.10.chars': 'public.users.bio',
        'column.mask.with.5.chars': '*',
      }),
      {
        'column.mask.hash.([^.]+).with.salt.(.+)': [
          "The 'column.mask.hash.SHA-999.with.salt.pepper' value is invalid: SHA-999 MessageDigest not available",
          "The 'column.mask.hash.v2.SHA-256.with.salt.pepper' value is invalid: A comma-separated list of valid regular expressions is expected, but Unclosed group near index 13\npublic.(users",
        ],
        'column.mask.with.(d+).chars': [
          "The 'column.mask.with.5.chars' value is invalid: A comma-separated list of valid regular expressions is expected, but Dangling meta character '*' near index 0\n*\n^",
        ],
      },
    );
  });

  it('keeps the slot lag warning threshold at most the critical one', () => {
    assert.deepEqual(errorsWith({ 'slot.lag.warn.bytes': '2048', 'slot.lag.max.bytes': '2048' }), {});
    assert.deepEqual(errorsWith({ 'slot.lag.warn.bytes': '4096', 'slot.lag.max.bytes': '2048' }), {
      'slot.lag.warn.bytes': ['Invalid value 4096 for configuration slot.lag.warn.bytes: Value must be no more than slot.lag.max.bytes (2048)'],
    });
    assert.deepEqual(errorsWith({ 'slot.lag.max.bytes': '-1', 'idle.slot.advance.interval.ms': 'soon' }), {
      'slot.lag.max.bytes': ['Invalid value -1 for configuration slot.lag.max.bytes: Value must be at least 0'],
      'idle.slot.advance.interval.ms': ['Invalid value soon for configuration idle.slot.advance.interval.ms: Not a number of type LONG', 'Invalid value null for configuration idle.slot.advance.interval.ms: Value must be non-null'],
    });
  });

  it('takes the offset/slot mismatch strategy in any case and names the three strategies otherwise', () => {
    assert.deepEqual(errorsWith({ 'offset.slot.mismatch.strategy': 'Resume_From_Slot' }), {});
    assert.deepEqual(errorsWith({ 'offset.slot.mismatch.strategy': 'skip' }), {
      'offset.slot.mismatch.strategy': ['Invalid value skip for configuration offset.slot.mismatch.strategy: String must be one of (case insensitive): fail, resume_from_slot, snapshot'],
    });
  });
});
