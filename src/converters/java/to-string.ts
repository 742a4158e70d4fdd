/**
 * Java's String.valueOf of Connect values, which Kafka's StringConverter writes (`value.toString()`).
 * The schema stands in for the Java class where JavaScript has none: a float64 prints as Double.toString
 * (`1.0`, `1.0E10`), a float32 as Float.toString, integers plainly.
 *
 * Two values have no faithful rendering: Java prints a byte[] as `[B@` and an identity hash code, which
 * nobody can reproduce (here the hash is taken from the content), and a java.util.Date in the JVM's time
 * zone (here UTC, which is what Connect workers normally run in).
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import type { Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { longToString, type JavaNumberFormat } from './number-format.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** java.util.Date.toString in UTC: `Thu Jan 01 00:00:00 UTC 1970`. */
export function javaDateToString(date: Date): string {
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad2(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

/** Java's Integer.toHexString(Arrays.hashCode(bytes)), standing in for an identity hash. */
function byteArrayHash(bytes: Uint8Array): string {
  let hash = 1;
  for (const b of bytes) hash = (Math.imul(31, hash) + ((b << 24) >> 24)) | 0;
  return (hash >>> 0).toString(16);
}

/** A number as the Java class its schema implies would print it. */
export function javaNumberToString(schema: Schema | null, value: number | bigint, numbers: JavaNumberFormat): string {
  if (typeof value === 'bigint') return value.toString();
  const type = schema?.type;
  if (type === 'float64') return numbers.double(value);
  if (type === 'float32') return numbers.float(value);
  if (type === undefined) return Number.isSafeInteger(value) ? String(value) : numbers.double(value);
  return longToString(value);
}

export function javaToString(schema: Schema | null, value: unknown, numbers: JavaNumberFormat): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
    case 'bigint':
      return javaNumberToString(schema, value, numbers);
  }
  if (value instanceof BigDecimal) return value.toString();
  if (value instanceof Date) return javaDateToString(value);
  if (value instanceof Uint8Array) return `[B@${byteArrayHash(value)}`;
  if (Array.isArray(value)) return `[${value.map((v) => javaToString(schema?.valueSchema ?? null, v, numbers)).join(', ')}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${javaToString(schema?.keySchema ?? null, k, numbers)}=${javaToString(schema?.valueSchema ?? null, v, numbers)}`);
    return `{${entries.join(', ')}}`;
  }
  if (value instanceof Struct) {
    // Kafka's Struct.toString: set fields only, no defaults, comma without a space.
    const parts: string[] = [];
    for (const field of value.schema.fields ?? []) {
      const fieldValue = value.getWithoutDefault(field);
      if (fieldValue !== null) parts.push(`${field.name}=${javaToString(field.schema, fieldValue, numbers)}`);
    }
    return `Struct{${parts.join(',')}}`;
  }
  return String(value);
}
