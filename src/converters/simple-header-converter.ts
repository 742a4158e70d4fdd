/**
 * Kafka's org.apache.kafka.connect.storage.SimpleHeaderConverter, the default header converter: writes a
 * header value's string form (Values.convertToString) as UTF-8 and reads header text back with a
 * schema inferred by Values.parseString (see values/values-parser.ts for what is recognised). Text that
 * cannot be parsed at all is kept as bytes, as Kafka does.
 */
import type { Schema } from '../api/data/schema.js';
import { Schemas } from '../api/data/schema.js';
import type { HeaderConverter, SchemaAndValue } from '../api/converter.js';
import { ConfigSpec } from '../config/spec.js';
import { javaNumberFormat, type JavaFloatingPointStyle } from './java/number-format.js';
import { UTF_8 } from './java/charsets.js';
import { valuesToString } from './values/values-format.js';
import { parseValuesString } from './values/values-parser.js';

export const SIMPLE_HEADER_CONVERTER_CLASS = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';

/** Kafka's SimpleHeaderConverter has no configuration of its own. */
export const SIMPLE_HEADER_CONVERTER_CONFIG = ConfigSpec.empty();

export class SimpleHeaderConverter implements HeaderConverter {
  private readonly numbers;

  constructor(options: { floatingPointStyle?: JavaFloatingPointStyle } = {}) {
    this.numbers = javaNumberFormat(options.floatingPointStyle);
  }

  configure(_config: Readonly<Record<string, string>>): void {
    // Nothing to configure.
  }

  fromConnectHeader(_topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return UTF_8.encode(valuesToString(schema, value, this.numbers));
  }

  toConnectHeader(_topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null) return { schema: null, value: null };
    try {
      return parseValuesString(UTF_8.decode(bytes));
    } catch {
      // Kafka logs a warning and keeps the raw bytes when the text cannot be parsed.
      return { schema: Schemas.BYTES, value: bytes };
    }
  }
}
