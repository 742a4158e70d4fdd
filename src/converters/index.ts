/**
 * Kafka Connect's built-in converters: JsonConverter, StringConverter, ByteArrayConverter and the
 * default header converter, SimpleHeaderConverter, all byte-compatible with Kafka 3.9.1.
 *
 * Avro: the Confluent AvroConverter (io.confluent.connect.avro.AvroConverter, with its schema-registry
 * client) plugs in here as one more ConverterPlugin in CONVERTER_PLUGINS, in its own folder
 * (src/converters/avro/), reusing converter-config.ts for `converter.type`.
 */
import type { Converter, HeaderConverter } from '../api/converter.js';
import type { ConverterPlugin, HeaderConverterPlugin } from '../api/plugin.js';
import { BYTE_ARRAY_CONVERTER_CLASS, BYTE_ARRAY_CONVERTER_CONFIG, ByteArrayConverter } from './byte-array-converter.js';
import { KAFKA_CONVERTERS_VERSION } from './converter-config.js';
import { JSON_CONVERTER_CONFIG } from './json/json-config.js';
import { JSON_CONVERTER_CLASS, JsonConverter } from './json/json-converter.js';
import { SIMPLE_HEADER_CONVERTER_CLASS, SIMPLE_HEADER_CONVERTER_CONFIG, SimpleHeaderConverter } from './simple-header-converter.js';
import { STRING_CONVERTER_CLASS, STRING_CONVERTER_CONFIG, StringConverter } from './string-converter.js';

export { JsonConverter, JSON_CONVERTER_CLASS } from './json/json-converter.js';
export { StringConverter, STRING_CONVERTER_CLASS } from './string-converter.js';
export { ByteArrayConverter, BYTE_ARRAY_CONVERTER_CLASS } from './byte-array-converter.js';
export { SimpleHeaderConverter, SIMPLE_HEADER_CONVERTER_CLASS } from './simple-header-converter.js';
export { javaNumberFormat, type JavaFloatingPointStyle } from './java/number-format.js';
export { parseValuesString } from './values/values-parser.js';
export { valuesToString } from './values/values-format.js';

const jsonConverter: ConverterPlugin = {
  kind: 'converter',
  className: JSON_CONVERTER_CLASS,
  version: KAFKA_CONVERTERS_VERSION,
  config: JSON_CONVERTER_CONFIG,
  create: () => new JsonConverter(),
};

const stringConverter: ConverterPlugin = {
  kind: 'converter',
  className: STRING_CONVERTER_CLASS,
  version: KAFKA_CONVERTERS_VERSION,
  config: STRING_CONVERTER_CONFIG,
  create: () => new StringConverter(),
};

const byteArrayConverter: ConverterPlugin = {
  kind: 'converter',
  className: BYTE_ARRAY_CONVERTER_CLASS,
  version: KAFKA_CONVERTERS_VERSION,
  config: BYTE_ARRAY_CONVERTER_CONFIG,
  create: () => new ByteArrayConverter(),
};

const simpleHeaderConverter: HeaderConverterPlugin = {
  kind: 'header_converter',
  className: SIMPLE_HEADER_CONVERTER_CLASS,
  version: KAFKA_CONVERTERS_VERSION,
  config: SIMPLE_HEADER_CONVERTER_CONFIG,
  create: () => new SimpleHeaderConverter(),
};

/** The converter plugins to register with the worker. */
export const CONVERTER_PLUGINS: readonly (ConverterPlugin | HeaderConverterPlugin)[] = [jsonConverter, stringConverter, byteArrayConverter, simpleHeaderConverter];

/**
 * In Kafka, JsonConverter, StringConverter and ByteArrayConverter are header converters too, and the
 * worker lists each class under both kinds. These descriptors say so; they are not in CONVERTER_PLUGINS
 * because PluginRegistry keys plugins by class name, so a class can only be registered once for now.
 */
export const DUAL_ROLE_HEADER_CONVERTER_PLUGINS: readonly HeaderConverterPlugin[] = [
  { kind: 'header_converter', className: JSON_CONVERTER_CLASS, version: KAFKA_CONVERTERS_VERSION, config: JSON_CONVERTER_CONFIG, create: () => new JsonConverter() },
  { kind: 'header_converter', className: STRING_CONVERTER_CLASS, version: KAFKA_CONVERTERS_VERSION, config: STRING_CONVERTER_CONFIG, create: () => new StringConverter() },
  { kind: 'header_converter', className: BYTE_ARRAY_CONVERTER_CLASS, version: KAFKA_CONVERTERS_VERSION, config: BYTE_ARRAY_CONVERTER_CONFIG, create: () => new ByteArrayConverter() },
];

function findPlugin<K extends 'converter' | 'header_converter'>(kind: K, className: string): Extract<ConverterPlugin | HeaderConverterPlugin, { kind: K }> {
  const plugin = [...CONVERTER_PLUGINS, ...DUAL_ROLE_HEADER_CONVERTER_PLUGINS].find((p) => p.kind === kind && p.className === className);
  if (!plugin) throw new Error(`No ${kind} ${className}`);
  return plugin as Extract<ConverterPlugin | HeaderConverterPlugin, { kind: K }>;
}

/**
 * A configured converter without a plugin registry (for tests and tools):
 * `createConverter(JSON_CONVERTER_CLASS, { 'schemas.enable': 'false' }, false)`.
 */
export function createConverter(className: string, config: Readonly<Record<string, string>> = {}, isKey = false): Converter {
  const converter = findPlugin('converter', className).create();
  converter.configure(config, isKey);
  return converter;
}

/** A configured header converter without a plugin registry. */
export function createHeaderConverter(className: string = SIMPLE_HEADER_CONVERTER_CLASS, config: Readonly<Record<string, string>> = {}): HeaderConverter {
  const converter = findPlugin('header_converter', className).create();
  converter.configure(config);
  return converter;
}
