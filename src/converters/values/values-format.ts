/**
 * Kafka's Values.convertToString, the text SimpleHeaderConverter writes: strings as they are at the top
 * level and quoted (with `\` and `"` escaped) inside lists, maps and structs; bytes as base64; dates by
 * Values.dateFormatFor (time of day, date or timestamp in ISO 8601 with a literal Z). Numbers print as the
 * Java class their schema implies would (see javaNumberToString).
 *
 * Java formats dates in the JVM's default time zone and with the Julian calendar before 1582; this
 * always uses UTC and the proleptic Gregorian calendar.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import type { Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import { encodeBase64 } from '../json/json-string.js';
import { javaClassName } from '../java/class-name.js';
import type { JavaNumberFormat } from '../java/number-format.js';
import { javaNumberToString } from '../java/to-string.js';

export const MILLIS_PER_DAY = 86_400_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function formatTime(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

function formatDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Values.dateFormatFor: before one day past the epoch a time, at midnight a date, otherwise a timestamp. */
export function formatTemporal(date: Date): string {
  const millis = date.getTime();
  if (millis < MILLIS_PER_DAY) return formatTime(date);
  if (millis % MILLIS_PER_DAY === 0) return formatDate(date);
  return `${formatDate(date)}T${formatTime(date)}`;
}

/** Values.escape: backslashes doubled, then quotes escaped. */
function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function valuesToString(schema: Schema | null, value: unknown, numbers: JavaNumberFormat): string {
  return append(schema, value, false, numbers);
}

function append(schema: Schema | null, value: unknown, embedded: boolean, numbers: JavaNumberFormat): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return javaNumberToString(schema, value, numbers);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return embedded ? `"${escape(value)}"` : value;
  }
  if (value instanceof BigDecimal) return value.toString();
  if (value instanceof Uint8Array) return embedded ? `"${encodeBase64(value)}"` : encodeBase64(value);
  if (Array.isArray(value)) return `[${value.map((v) => append(schema?.valueSchema ?? null, v, true, numbers)).join(',')}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${append(schema?.keySchema ?? null, k, true, numbers)}:${append(schema?.valueSchema ?? null, v, true, numbers)}`);
    return `{${entries.join(',')}}`;
  }
  if (value instanceof Struct) {
    // Struct.get applies field defaults here, unlike Struct.toString.
    const fields = (value.schema.fields ?? []).map((f) => `${append(null, f.name, true, numbers)}:${append(f.schema, value.get(f), true, numbers)}`);
    return `{${fields.join(',')}}`;
  }
  if (value instanceof Date) return formatTemporal(value);
  throw unexpectedValue(value);
}

function unexpectedValue(value: unknown): DataError {
  return new DataError(`Failed to serialize unexpected value type ${javaClassName(value)}: ${String(value)}`);
}
