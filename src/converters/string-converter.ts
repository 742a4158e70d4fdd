/**
 * Kafka's org.apache.kafka.connect.storage.StringConverter: writes any value's Java string form in
 * `converter.encoding` (UTF-8 by default) and reads bytes back as an optional string. Also a
 * HeaderConverter, as in Kafka.
 */
import { Schemas, type Schema } from '../api/data/schema.js';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.js';
import { ConfigError } from '../api/errors.js';
import type { Headers } from '../api/headers.js';
import { CONVERTER_CONFIG, withConverterType } from './converter-config.js';
import { javaCharset, UTF_8, type JavaCharset } from './java/charsets.js';
import { javaNumberFormat, type JavaFloatingPointStyle } from './java/number-format.js';
import { javaToString } from './java/to-string.js';

export const STRING_CONVERTER_CLASS = 'org.apache.kafka.connect.storage.StringConverter';
export const ENCODING_CONFIG = 'converter.encoding';

export const STRING_CONVERTER_CONFIG = CONVERTER_CONFIG.define({
  name: ENCODING_CONFIG,
  type: 'STRING',
  default: 'UTF-8',
  importance: 'HIGH',
  doc: 'The name of the Java character set to use for encoding strings as byte arrays.',
  width: 'MEDIUM',
  displayName: 'Encoding',
});

export class StringConverter implements Converter, HeaderConverter {
  private charset: JavaCharset = UTF_8;
  private readonly numbers;

  constructor(options: { floatingPointStyle?: JavaFloatingPointStyle } = {}) {
    this.numbers = javaNumberFormat(options.floatingPointStyle);
  }

  configure(config: Readonly<Record<string, string>>, isKey?: boolean): void {
    const parsed = STRING_CONVERTER_CONFIG.parse(withConverterType(config, isKey));
    const name = parsed[ENCODING_CONFIG];
    const charset = javaCharset(name);
    // Kafka's StringSerializer fails the same way when configured (a SerializationException there).
    if (!charset) throw new ConfigError(`Unsupported encoding ${name}`, { key: ENCODING_CONFIG });
    this.charset = charset;
  }

  fromConnectData(_topic: string, _headers: Headers | null, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return this.charset.encode(javaToString(schema, value, this.numbers));
  }

  /** Always the optional string schema, even for null bytes (Kafka does not return SchemaAndValue.NULL). */
  toConnectData(_topic: string, _headers: Headers | null, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_STRING, value: bytes === null ? null : this.charset.decode(bytes) };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}
