import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sinkRecord, type ConnectRecord } from '../../api/record.js';
import { REPLACE_FIELD_CONFIG, REPLACE_FIELD_PLUGINS, javaSplit } from './replace-field.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = REPLACE_FIELD_PLUGINS as [TransformationPlugin, TransformationPlugin];

function configured(plugin: TransformationPlugin, config: Record<string, string>) {
  const transform = plugin.create();
  transform.configure(config);
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const SCHEMA = SchemaBuilder.struct()
  .field('dont', Schemas.STRING)
  .field('abc', Schemas.INT32)
  .field('foo', Schemas.BOOLEAN)
  .field('etc', Schemas.STRING)
  .build();

const record = (valueSchema: Schema | null, value: unknown) => sinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0, valueSchema, value });

describe('ReplaceField', () => {
  it('is published as ReplaceField$Key/$Value with the deprecated blacklist/whitelist keys still defined', () => {
    assert.deepEqual(
      REPLACE_FIELD_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.ReplaceField$Key', 'org.apache.kafka.connect.transforms.ReplaceField$Value'],
    );
    assert.deepEqual(
      REPLACE_FIELD_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.doc]),
      [
        ['exclude', 'LIST', [], 'MEDIUM', 'Fields to exclude. This takes precedence over the fields to include.'],
        ['blacklist', 'LIST', null, 'LOW', 'Deprecated. Use exclude instead.'],
        ['include', 'LIST', [], 'MEDIUM', 'Fields to include. If specified, only these fields will be used.'],
        ['whitelist', 'LIST', null, 'LOW', 'Deprecated. Use include instead.'],
        ['renames', 'LIST', [], 'MEDIUM', 'Field rename mappings.'],
        [
          'replace.null.with.default',
          'BOOLEAN',
          true,
          'MEDIUM',
          'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
        ],
      ],
    );
    assert.equal(REPLACE_FIELD_CONFIG.key('renames')?.validator?.describe, 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>');
  });

  it('excludes and renames fields of a schemaless map (Kafka example)', () => {
    const apply = configured(VALUE_PLUGIN, { exclude: 'dont', renames: 'abc:xyz,foo:bar' });
    const value = new Map<string, unknown>([
      ['dont', 'whatever'],
      ['abc', 42],
      ['foo', true],
      ['etc', 'etc'],
    ]);
    const out = apply(record(null, value));
    assert.deepEqual(
      [...(out.value as Map<string, unknown>)],
      [
        ['xyz', 42],
        ['bar', true],
        ['etc', 'etc'],
      ],
    );
  });

  it('includes and renames fields of a struct, caching the derived schema (Kafka example)', () => {
    const apply = configured(VALUE_PLUGIN, { include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const value = new Struct(SCHEMA).put('dont', 'whatever').put('abc', 42).put('foo', true).put('etc', 'etc');
    const out = apply(record(SCHEMA, value));
    const expectedSchema = SchemaBuilder.struct().field('xyz', Schemas.INT32).field('bar', Schemas.BOOLEAN).build();
    assert.deepEqual(out.valueSchema, expectedSchema);
    assert.deepEqual(out.value, new Struct(expectedSchema).put('xyz', 42).put('bar', true));
    assert.equal(apply(record(SCHEMA, value)).valueSchema, out.valueSchema);
  });

  it('drops a field with the documented exclude example', () => {
    const apply = configured(VALUE_PLUGIN, { exclude: 'c2' });
    const out = apply(record(null, { c1: 22, c2: 'foo' }));
    assert.deepEqual([...(out.value as Map<string, unknown>)], [['c1', 22]]);
  });

  it('lets exclude take precedence over include', () => {
    const apply = configured(VALUE_PLUGIN, { include: 'abc,foo', exclude: 'foo' });
    const out = apply(record(null, new Map<string, unknown>([['abc', 1], ['foo', 2], ['etc', 3]])));
    assert.deepEqual([...(out.value as Map<string, unknown>)], [['abc', 1]]);
  });

  it('reads the deprecated blacklist and whitelist when exclude and include are not set', () => {
    const apply = configured(VALUE_PLUGIN, { blacklist: 'dont', whitelist: 'dont,abc' });
    const out = apply(record(null, new Map<string, unknown>([['dont', 1], ['abc', 2], ['etc', 3]])));
    assert.deepEqual([...(out.value as Map<string, unknown>)], [['abc', 2]]);

    const newNamesWin = configured(VALUE_PLUGIN, { exclude: 'abc', blacklist: 'dont' });
    const out2 = newNamesWin(record(null, new Map<string, unknown>([['dont', 1], ['abc', 2]])));
    assert.deepEqual([...(out2.value as Map<string, unknown>)], [['dont', 1]]);
  });

  it('passes tombstones through unchanged (Kafka examples)', () => {
    const apply = configured(VALUE_PLUGIN, { include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const schemaless = record(null, null);
    const withSchema = record(SCHEMA, null);
    assert.equal(apply(schemaless), schemaless);
    assert.equal(apply(withSchema), withSchema);
  });

  for (const [replaceNullWithDefault, expected] of [
    ['false', null],
    ['true', 42],
  ] as const) {
    it(`copies a null field with a default as ${String(expected)} when replace.null.with.default=${replaceNullWithDefault}, key and value`, () => {
      const schema = SchemaBuilder.struct().field('abc', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
      const config = { include: 'abc', renames: 'abc:optional_with_default', 'replace.null.with.default': replaceNullWithDefault };
      const onValue = configured(VALUE_PLUGIN, config)(record(schema, new Struct(schema)));
      assert.equal(onValue.valueSchema?.fields?.length, 1);
      assert.equal((onValue.value as Struct).getWithoutDefault('optional_with_default'), expected);

      const onKey = configured(KEY_PLUGIN, config)(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, keySchema: schema, key: new Struct(schema) }));
      assert.equal((onKey.key as Struct).getWithoutDefault('optional_with_default'), expected);
    });
  }

  it('rejects rename mappings that are not old:new pairs with Kafka wording', () => {
    assert.throws(
      () => configured(VALUE_PLUGIN, { renames: 'abc:xyz,foo' }),
      ConfigError.invalid('renames', '[abc:xyz, foo]', 'Invalid rename mapping: foo'),
    );
    assert.throws(() => configured(VALUE_PLUGIN, { renames: 'a:b:c' }), /Invalid rename mapping: a:b:c/);
  });

  it('splits mappings as Java does, dropping trailing empty parts', () => {
    assert.deepEqual(javaSplit('a:b:', ':'), ['a', 'b']);
    assert.deepEqual(javaSplit(':b', ':'), ['', 'b']);
    assert.deepEqual(javaSplit('a', ':'), ['a']);
  });

  it('requires a map or struct', () => {
    const apply = configured(VALUE_PLUGIN, { exclude: 'x' });
    assert.throws(() => apply(record(null, 42)), DataError);
    assert.throws(() => apply(record(Schemas.INT32, 42)), DataError);
  });
});
