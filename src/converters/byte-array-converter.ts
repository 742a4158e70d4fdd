/**
 * Kafka's org.apache.kafka.connect.converters.ByteArrayConverter: passes bytes through unchanged. Only
 * a bytes schema (or none) and byte-array values are accepted. Also a HeaderConverter, as in Kafka.
 */
import { Schemas, type Schema } from '../api/data/schema.js';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.js';
import { DataError } from '../api/errors.js';
import type { Headers } from '../api/headers.js';
import { CONVERTER_CONFIG, withConverterType } from './converter-config.js';
import { javaClassOf } from './java/class-name.js';

export const BYTE_ARRAY_CONVERTER_CLASS = 'org.apache.kafka.connect.converters.ByteArrayConverter';

export const BYTE_ARRAY_CONVERTER_CONFIG = CONVERTER_CONFIG;

export class ByteArrayConverter implements Converter, HeaderConverter {
  configure(config: Readonly<Record<string, string>>, isKey?: boolean): void {
    BYTE_ARRAY_CONVERTER_CONFIG.parse(withConverterType(config, isKey));
  }

  fromConnectData(_topic: string, _headers: Headers | null, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema !== null && schema.type !== 'bytes') throw new DataError(`Invalid schema type for ByteArrayConverter: ${schema.type.toUpperCase()}`);
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) throw new DataError(`ByteArrayConverter is not compatible with objects of type ${javaClassOf(value)}`);
    return value;
  }

  toConnectData(_topic: string, _headers: Headers | null, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_BYTES, value: bytes };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}
