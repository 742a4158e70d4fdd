import { Struct } from '../../src/api/data/struct.js';

/**
 * A record value as Java's String.valueOf would print it in Kafka's FileStreamSinkTask: strings as they are,
 * null as "null", structs as `Struct{a=1,b=x}`, maps as `{k=v, …}`, lists as `[a, b]`.
 */
export function valueAsText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (value instanceof Struct) return value.toString();
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${valueAsText(k)}=${valueAsText(v)}`).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(valueAsText).join(', ')}]`;
  if (value instanceof Uint8Array) return `[B@${Buffer.from(value).toString('hex').slice(0, 8)}`;
  if (value instanceof Date) return value.toString();
  return String(value);
}
