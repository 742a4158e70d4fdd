import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SchemaBuilder, Schemas } from '../../../src/api/data/schema.js';
import { Struct } from '../../../src/api/data/struct.js';
import { Headers } from '../../../src/api/headers.js';
import { sourceRecord } from '../../../src/api/record.js';
import { loadPluginPath } from '../../../src/runtime/plugins.js';
import { ExtractNewRecordState } from '../../../src/transforms/debezium/extract-new-record-state.js';
import { createEvent, flatSchema, DELETED_FIELD_SCHEMA } from '../../../src/transforms/debezium/test/envelopes.js';
import plugin, { EmailMaskingTransform, maskEmail } from './email-masking.js';

const USER_SCHEMA = SchemaBuilder.struct()
  .name('shop.users.Value')
  .field('id', Schemas.INT32)
  .field('email', Schemas.OPTIONAL_STRING)
  .field('backup_email', Schemas.OPTIONAL_STRING)
  .field('note', Schemas.OPTIONAL_STRING)
  .build();

function configured(fields: string): EmailMaskingTransform {
  const transform = new EmailMaskingTransform();
  transform.configure({ fields });
  return transform;
}

describe('maskEmail', () => {
  it('keeps the first character of the local part and the domain', () => {
    assert.equal(maskEmail('user@example.com'), 'u***@example.com');
    assert.equal(maskEmail('first.last+tag@mail.example.co.uk'), 'f***@mail.example.co.uk');
  });

  it('masks a one-character local part entirely', () => {
    assert.equal(maskEmail('a@example.com'), '***@example.com');
  });

  it('leaves anything that is not a whole e-mail address unchanged', () => {
    for (const text of ['', 'not-an-email', 'user@localhost', 'user@example.c', 'two@at@example.com', 'write to user@example.com', 'ü@example.com']) {
      assert.equal(maskEmail(text), text);
    }
  });
});

describe('EmailMaskingTransform', () => {
  it('masks the configured fields of a Struct value and keeps the schema, key, topic and other fields', () => {
    const value = new Struct(USER_SCHEMA).put('id', 7).put('email', 'user@example.com').put('backup_email', 'b@example.org').put('note', 'user@example.com');
    const input = sourceRecord({ topic: 'shop.users', kafkaPartition: 2, keySchema: Schemas.INT32, key: 7, valueSchema: USER_SCHEMA, value, timestamp: 5 });
    const output = configured('email,backup_email').apply(input);
    assert.deepEqual(
      output.value,
      new Struct(USER_SCHEMA).put('id', 7).put('email', 'u***@example.com').put('backup_email', '***@example.org').put('note', 'user@example.com'),
    );
    assert.equal(output.valueSchema, USER_SCHEMA);
    assert.equal(output.topic, 'shop.users');
    assert.equal(output.kafkaPartition, 2);
    assert.equal(output.key, 7);
    assert.equal(output.timestamp, 5);
    assert.equal(value.get('email'), 'user@example.com', 'the input value is left alone');
  });

  it('keeps null and non-matching values of configured fields', () => {
    const value = new Struct(USER_SCHEMA).put('id', 7).put('email', null).put('backup_email', 'none');
    const output = configured('email,backup_email').apply(sourceRecord({ topic: 't', valueSchema: USER_SCHEMA, value }));
    assert.deepEqual(output.value, new Struct(USER_SCHEMA).put('id', 7).put('email', null).put('backup_email', 'none'));
  });

  it('also masks schemaless Map values, which the Java version rejects', () => {
    const value = new Map<string, unknown>([
      ['id', 7],
      ['email', 'user@example.com'],
      ['note', 'user@example.com'],
      ['backup_email', 42],
    ]);
    const output = configured('email,backup_email').apply(sourceRecord({ topic: 't', value }));
    assert.deepEqual(
      output.value,
      new Map<string, unknown>([
        ['id', 7],
        ['email', 'u***@example.com'],
        ['note', 'user@example.com'],
        ['backup_email', 42],
      ]),
    );
    assert.equal(value.get('email'), 'user@example.com');
  });

  it('passes tombstones through', () => {
    const tombstone = sourceRecord({ topic: 't', keySchema: Schemas.INT32, key: 7 });
    assert.equal(configured('email').apply(tombstone), tombstone);
  });

  it('fails on values that are neither Struct nor Map', () => {
    assert.throws(() => configured('email').apply(sourceRecord({ topic: 't', valueSchema: Schemas.STRING, value: 'user@example.com' })), {
      name: 'DataError',
      message: 'EmailMaskingTransform masks Struct or Map values, found: string',
    });
  });

  it('requires the fields setting', () => {
    assert.throws(() => new EmailMaskingTransform().configure({}), {
      name: 'ConfigError',
      message: 'Missing required configuration "fields" which has no default value.',
    });
  });

  it('masks the rows ExtractNewRecordState flattens, after it in the chain', () => {
    const unwrap = new ExtractNewRecordState();
    unwrap.configure({ 'delete.tombstone.handling.mode': 'rewrite' });
    const flattened = unwrap.apply(createEvent());
    assert.ok(flattened);
    const output = configured('email').apply(flattened);
    const schema = flatSchema(['__deleted', DELETED_FIELD_SCHEMA]);
    assert.deepEqual(
      output.value,
      new Struct(schema).put('id', 1).put('email', 'a***@example.com').put('region', 'eu').put('tier', 'gold').put('__deleted', 'false'),
    );
  });
});

describe('the email-masking plugin module', () => {
  it('exports a transformation plugin under the Java class name as its default export', () => {
    assert.equal(plugin.kind, 'transformation');
    assert.equal(plugin.className, 'com.example.transforms.EmailMaskingTransform');
    assert.equal(plugin.version, '1.0.0');
    assert.deepEqual(
      plugin.config.keys.map((k) => [k.name, k.type, k.importance, 'default' in k]),
      [['fields', 'LIST', 'HIGH', false]],
    );
    const transform = plugin.create();
    transform.configure({ fields: 'email' });
    const value = new Map([['email', 'user@example.com']]);
    assert.deepEqual(transform.apply(sourceRecord({ topic: 't', value, headers: new Headers() }))?.value, new Map([['email', 'u***@example.com']]));
  });

  it('is found when plugin.path points at its folder', async () => {
    const folder = fileURLToPath(new URL('.', import.meta.url));
    const loaded = await loadPluginPath([folder]);
    assert.deepEqual(
      loaded.map((p) => [p.kind, p.className]),
      [['transformation', 'com.example.transforms.EmailMaskingTransform']],
    );
  });
});
