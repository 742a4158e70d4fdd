import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../src/api/data/schema.js';
import { ConfigError } from '../../src/api/errors.js';
import { CONVERTER_PLUGINS, createConverter, createHeaderConverter, DUAL_ROLE_HEADER_CONVERTER_PLUGINS, JSON_CONVERTER_CLASS, STRING_CONVERTER_CLASS } from '../../src/converters/index.js';

describe('converter plugins', () => {
  it('describes the Kafka 3.9.1 converters by class name and kind', () => {
    assert.deepEqual(
      CONVERTER_PLUGINS.map((p) => [p.className, p.kind, p.version]),
      [
        ['org.apache.kafka.connect.json.JsonConverter', 'converter', '3.9.1'],
        ['org.apache.kafka.connect.storage.StringConverter', 'converter', '3.9.1'],
        ['org.apache.kafka.connect.converters.ByteArrayConverter', 'converter', '3.9.1'],
        ['org.apache.kafka.connect.storage.SimpleHeaderConverter', 'header_converter', '3.9.1'],
      ],
    );
    assert.deepEqual(DUAL_ROLE_HEADER_CONVERTER_PLUGINS.map((p) => [p.className, p.kind]), [
      ['org.apache.kafka.connect.json.JsonConverter', 'header_converter'],
      ['org.apache.kafka.connect.storage.StringConverter', 'header_converter'],
      ['org.apache.kafka.connect.converters.ByteArrayConverter', 'header_converter'],
    ]);
  });

  it("declares JsonConverter's config keys with Kafka's defaults, groups and order", () => {
    const json = CONVERTER_PLUGINS[0]?.config;
    assert.deepEqual(
      json?.keys.map((k) => [k.name, k.type, k.default, k.importance, k.group ?? null, k.orderInGroup ?? -1, k.displayName ?? null]),
      [
        ['converter.type', 'STRING', undefined, 'LOW', null, -1, null],
        ['schemas.enable', 'BOOLEAN', true, 'HIGH', 'Schemas', 0, 'Enable Schemas'],
        ['schemas.cache.size', 'INT', 1000, 'HIGH', 'Schemas', 1, 'Schema Cache Size'],
        ['decimal.format', 'STRING', 'BASE64', 'LOW', 'Serialization', 0, 'Decimal Format'],
        ['replace.null.with.default', 'BOOLEAN', true, 'LOW', 'Serialization', 1, 'Replace null with default'],
      ],
    );
    assert.throws(
      () => json?.parse({ 'converter.type': 'both' }),
      (err: unknown) => err instanceof ConfigError && err.message === 'Invalid value both for configuration converter.type: String must be one of: key, value, header',
    );
  });

  it('creates configured converters without a registry', () => {
    const plain = createConverter(JSON_CONVERTER_CLASS, { 'schemas.enable': 'false' }, true);
    assert.equal(Buffer.from(plain.fromConnectData('t', null, Schemas.INT32, 5) as Uint8Array).toString(), '5');
    const strings = createConverter(STRING_CONVERTER_CLASS);
    assert.deepEqual(strings.toConnectData('t', null, Buffer.from('x')), { schema: Schemas.OPTIONAL_STRING, value: 'x' });
    const headers = createHeaderConverter();
    assert.deepEqual(headers.toConnectHeader('t', 'h', Buffer.from('42')), { schema: Schemas.INT8, value: 42 });
    const jsonHeaders = createHeaderConverter(JSON_CONVERTER_CLASS, { 'schemas.enable': 'false' });
    assert.deepEqual(jsonHeaders.toConnectHeader('t', 'h', Buffer.from('[1]')), { schema: null, value: [1] });
    assert.throws(() => createConverter('com.example.Missing'), /No converter com.example.Missing/);
  });
});
