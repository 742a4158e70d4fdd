/**
 * A custom single message transform, ported from the Java `EmailMaskingTransform` of the Kafka Connect guide:
 * it masks e-mail addresses in the configured value fields, `user@example.com` becoming `u***@example.com`.
 *
 * Drop this folder on a worker's `plugin.path` and configure it like the Java one:
 *
 *   "transforms": "maskEmail",
 *   "transforms.maskEmail.type": "com.example.transforms.EmailMaskingTransform",
 *   "transforms.maskEmail.fields": "email,backup_email"
 *
 * It imports Tidewater's SPI through relative paths because it lives in the Tidewater repository; see
 * README.md for how to write and load your own.
 */
import { describeValueType } from '../../../src/api/data/schema.js';
import { Struct } from '../../../src/api/data/struct.js';
import { DataError } from '../../../src/api/errors.js';
import type { TransformationPlugin } from '../../../src/api/plugin.js';
import { withChanges, type ConnectRecord } from '../../../src/api/record.js';
import type { Transformation } from '../../../src/api/transformation.js';
import { ConfigSpec } from '../../../src/config/spec.js';

const FIELDS_CONFIG = 'fields';

/** The Java version's pattern, anchored because Java's `matches()` tests the whole string. */
const EMAIL_PATTERN = /^([a-zA-Z0-9._%+-]+)@([a-zA-Z0-9.-]+\.[a-zA-Z]{2,})$/;

export const EMAIL_MASKING_CONFIG = ConfigSpec.empty().define({
  name: FIELDS_CONFIG,
  type: 'LIST',
  importance: 'HIGH',
  doc: 'Fields containing email addresses to mask',
});

/**
 * Keeps the first character of the local part and the whole domain: `user@example.com` → `u***@example.com`,
 * `a@example.com` → `***@example.com`. Anything that is not an e-mail address comes back unchanged.
 */
export function maskEmail(text: string): string {
  if (!EMAIL_PATTERN.test(text)) return text;
  const at = text.indexOf('@');
  const localPart = text.slice(0, at);
  const domain = text.slice(at);
  return localPart.length <= 1 ? `***${domain}` : `${localPart.charAt(0)}***${domain}`;
}

export class EmailMaskingTransform implements Transformation {
  private fieldsToMask: ReadonlySet<string> = new Set();

  configure(config: Readonly<Record<string, string>>): void {
    this.fieldsToMask = new Set(EMAIL_MASKING_CONFIG.parse(config)[FIELDS_CONFIG]);
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = record.value;
    if (value === null || value === undefined) return record;
    if (value instanceof Struct) return withChanges(record, { value: this.maskStruct(value) });
    // The Java version casts every value to Struct and so fails on schemaless JSON
    // (`value.converter.schemas.enable=false`, as in the guide's worker config). Maps are masked instead.
    if (value instanceof Map) return withChanges(record, { value: this.maskMap(value) });
    throw new DataError(`EmailMaskingTransform masks Struct or Map values, found: ${describeValueType(value)}`);
  }

  close(): void {
    this.fieldsToMask = new Set();
  }

  private maskStruct(value: Struct): Struct {
    const masked = new Struct(value.schema);
    for (const field of value.schema.fields ?? []) {
      // `get`, like the Java version: a null field with a schema default is copied as the default.
      const fieldValue = value.get(field);
      masked.put(field.name, this.fieldsToMask.has(field.name) && typeof fieldValue === 'string' ? maskEmail(fieldValue) : fieldValue);
    }
    return masked;
  }

  private maskMap(value: Map<unknown, unknown>): Map<unknown, unknown> {
    const masked = new Map<unknown, unknown>();
    for (const [key, fieldValue] of value) {
      const mask = typeof key === 'string' && this.fieldsToMask.has(key) && typeof fieldValue === 'string';
      masked.set(key, mask ? maskEmail(fieldValue) : fieldValue);
    }
    return masked;
  }
}

const plugin: TransformationPlugin = {
  kind: 'transformation',
  className: 'com.example.transforms.EmailMaskingTransform',
  version: '1.0.0',
  doc: 'Masks e-mail addresses in the configured value fields: user@example.com becomes u***@example.com.',
  config: EMAIL_MASKING_CONFIG,
  create: () => new EmailMaskingTransform(),
};

export default plugin;
