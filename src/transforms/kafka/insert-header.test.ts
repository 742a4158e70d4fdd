import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import { INSERT_HEADER_CONFIG, INSERT_HEADER_PLUGIN, InsertHeader } from './insert-header.js';

function insert(header: string, literal: string): InsertHeader {
  const smt = new InsertHeader();
  smt.configure({ header, 'value.literal': literal });
  return smt;
}

const original = (headers: Headers) => sourceRecord({ topic: 'topic', kafkaPartition: 0, sourcePartition: { foo: 'bar' }, sourceOffset: { baz: 'quxx' }, key: 'key', value: 'value', timestamp: 0, headers });

describe('InsertHeader', () => {
  it('adds the header after the existing ones (Kafka’s InsertHeaderTest)', () => {
    const headers = new Headers().add('existing', 'existing-value', Schemas.STRING);
    const input = original(headers);
    const output = insert('inserted', 'inserted-value').apply(input);
    assert.deepEqual(output.headers.toArray(), [
      { key: 'existing', value: 'existing-value', schema: Schemas.STRING },
      { key: 'inserted', value: 'inserted-value', schema: Schemas.STRING },
    ]);
    assert.deepEqual({ ...output, headers: null }, { ...input, headers: null });
    // The input record's headers are left as they were.
    assert.equal(input.headers.size, 1);
  });

  it('adds another header with the same name rather than replacing it', () => {
    const output = insert('existing', 'inserted-value').apply(original(new Headers().add('existing', 'preexisting-value', Schemas.STRING)));
    assert.deepEqual(output.headers.allWithName('existing').map((h) => h.value), ['preexisting-value', 'inserted-value']);
  });

  it('types the literal as Values.parseString does', () => {
    const typed = (literal: string) => insert('h', literal).apply(original(new Headers())).headers.lastWithName('h');
    assert.deepEqual(typed('1'), { key: 'h', value: 1, schema: Schemas.INT8 });
    assert.deepEqual(typed('1234'), { key: 'h', value: 1234, schema: Schemas.INT16 });
    assert.deepEqual(typed('true'), { key: 'h', value: true, schema: Schemas.BOOLEAN });
    assert.deepEqual(typed('3.5'), { key: 'h', value: 3.5, schema: Schemas.FLOAT32 });
    assert.deepEqual(typed('null'), { key: 'h', value: null, schema: null });
    assert.deepEqual(typed('2019-08-23'), { key: 'h', value: new Date(Date.UTC(2019, 7, 23)), schema: DateLogical.SCHEMA });
    assert.deepEqual(typed('best-app-ever'), { key: 'h', value: 'best-app-ever', schema: Schemas.STRING });
  });

  it('leaves the key and value of schemaful and schemaless records untouched', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const struct = sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) });
    assert.equal(insert('h', 'v').apply(struct).value, struct.value);
    const map = sourceRecord({ topic: 't', value: new Map([['id', 1]]) });
    assert.equal(insert('h', 'v').apply(map).value, map.value);
  });

  it('requires both keys', () => {
    assert.throws(() => new InsertHeader().configure({ 'value.literal': '1' }), { name: 'ConfigError', message: 'Missing required configuration "header" which has no default value.' });
    assert.throws(() => new InsertHeader().configure({ header: 'inserted' }), {
      name: 'ConfigError',
      message: 'Missing required configuration "value.literal" which has no default value.',
    });
    const [header] = INSERT_HEADER_CONFIG.validate({ header: null, 'value.literal': '1' } as unknown as Record<string, string>);
    // An explicit null reaches the validator, as in Kafka's ConfigDef.
    assert.deepEqual(header?.errors, ['Invalid value null for configuration header: entry must be non null']);
  });

  it('declares Kafka’s config', () => {
    assert.equal(INSERT_HEADER_PLUGIN.className, 'org.apache.kafka.connect.transforms.InsertHeader');
    assert.deepEqual(
      INSERT_HEADER_CONFIG.keys.map((k) => [k.name, k.type, k.importance, k.validator?.describe, k.doc]),
      [
        ['header', 'STRING', 'HIGH', 'non-null string', 'The name of the header.'],
        ['value.literal', 'STRING', 'HIGH', 'non-null string', 'The literal value that is to be set as the header value on all records.'],
      ],
    );
  });
});
