/**
 * Kafka's org.apache.kafka.connect.json.JsonConverter (3.9): Connect data as JSON, with or without the
 * `{"schema":…,"payload":…}` envelope, byte-compatible with what a Java worker writes. It is a Converter
 * and a HeaderConverter, as in Kafka.
 */
import type { Schema } from '../../api/data/schema.js';
import { NULL_SCHEMA_AND_VALUE, type Converter, type HeaderConverter, type SchemaAndValue } from '../../api/converter.js';
import { DataError } from '../../api/errors.js';
import type { Headers } from '../../api/headers.js';
import { javaNumberFormat, type JavaFloatingPointStyle } from '../java/number-format.js';
import { withConverterType, type ConverterType } from '../converter-config.js';
import {
  DECIMAL_FORMAT_CONFIG,
  JSON_CONVERTER_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  SCHEMAS_CACHE_SIZE_CONFIG,
  SCHEMAS_ENABLE_CONFIG,
  type DecimalFormat,
} from './json-config.js';
import { JsonSyntaxError, parseJson } from './json-parser.js';
import { JsonReader } from './json-reader.js';
import { JsonWriter } from './json-writer.js';

export const JSON_CONVERTER_CLASS = 'org.apache.kafka.connect.json.JsonConverter';

/** The envelope's schema is built only when its text is not in the schema cache. */
const LAZY_MEMBERS = ['schema'];

const ENVELOPE_REQUIRED =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';

export interface JsonConverterOptions {
  /** Which JVM's Double.toString/Float.toString to reproduce; see JavaFloatingPointStyle. */
  readonly floatingPointStyle?: JavaFloatingPointStyle;
}

export class JsonConverter implements Converter, HeaderConverter {
  private schemasEnabled = true;
  private type: ConverterType = 'value';
  private writer!: JsonWriter;
  private reader!: JsonReader;
  private readonly encoder = new TextEncoder();

  constructor(private readonly options: JsonConverterOptions = {}) {
    this.configure({}, false);
  }

  /** Converter.configure(config, isKey); without isKey (HeaderConverter.configure) it is a header converter. */
  configure(config: Readonly<Record<string, string>>, isKey?: boolean): void {
    const parsed = JSON_CONVERTER_CONFIG.parse(withConverterType(config, isKey));
    this.type = parsed['converter.type'] as ConverterType;
    this.schemasEnabled = parsed[SCHEMAS_ENABLE_CONFIG];
    const cacheSize = parsed[SCHEMAS_CACHE_SIZE_CONFIG];
    const replaceNullWithDefault = parsed[REPLACE_NULL_WITH_DEFAULT_CONFIG];
    this.writer = new JsonWriter({
      decimalFormat: parsed[DECIMAL_FORMAT_CONFIG].toUpperCase() as DecimalFormat,
      replaceNullWithDefault,
      numbers: javaNumberFormat(this.options.floatingPointStyle),
      schemaCacheSize: cacheSize,
    });
    this.reader = new JsonReader(replaceNullWithDefault, cacheSize);
  }

  /** key, value or header: how the worker uses this instance. */
  get converterType(): ConverterType {
    return this.type;
  }

  fromConnectData(_topic: string, _headers: Headers | null, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema === null && (value === null || value === undefined)) return null;
    const json = this.schemasEnabled ? this.writer.envelope(schema, value) : this.writer.value(schema, value);
    // The writer returns undefined (Kafka: a Java null tree, serialized as null bytes) only for a schemaless
    // null, which returned above; kept for symmetry with Kafka's serializer.
    return json === undefined ? null : this.encoder.encode(json);
  }

  toConnectData(_topic: string, _headers: Headers | null, bytes: Uint8Array | null): SchemaAndValue {
    // A tombstone.
    if (bytes === null) return NULL_SCHEMA_AND_VALUE;
    let document;
    try {
      document = parseJson(bytes, this.schemasEnabled ? LAZY_MEMBERS : []);
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      throw new DataError('Converting byte[] to Kafka Connect data failed due to serialization error: ', { cause: err });
    }
    const root = document.root;
    if (!this.schemasEnabled) return { schema: null, value: this.reader.value(null, root) };
    if (!(root instanceof Map) || root.size !== 2 || !root.has('schema') || !root.has('payload')) throw new DataError(ENVELOPE_REQUIRED);
    const schema = this.reader.cachedSchema(document.memberText('schema') as string, () => document.member('schema'));
    return { schema, value: this.reader.value(schema, root.get('payload')) };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }

  close(): void {
    // Nothing to release.
  }
}
