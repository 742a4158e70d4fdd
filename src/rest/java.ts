/**
 * The few Java behaviours Kafka Connect's REST API shows through: how JAX-RS reads Boolean and Integer
 * parameters, String.trim, and the iteration order of a java.util.HashMap (the order of the objects Kafka
 * builds in HashMaps, e.g. `GET /connectors?expand=…`).
 */

/** A query parameter's first value, as JAX-RS reads `@QueryParam` (repeated parameters: the first). */
export function firstValue(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A `@DefaultValue(…) @QueryParam Boolean`: absent or empty → the default; otherwise Boolean.valueOf. */
export function javaBoolean(value: unknown, defaultValue: boolean): boolean {
  const text = firstValue(value);
  if (text === undefined || text === '') return defaultValue;
  return text.toLowerCase() === 'true';
}

/** A `@PathParam Integer`: Integer.valueOf, or undefined where JAX-RS answers 404. */
export function javaInteger(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

/** String.trim: strips every character up to U+0020 from both ends. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

function stringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Keys in the order a java.util.HashMap filled with them (in this order) iterates: by bucket, then by
 * insertion within a bucket. The table starts at 16 buckets and doubles past a 0.75 load factor.
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = stringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/** An object whose keys iterate (and serialize) in java.util.HashMap order. */
export function javaHashMap<V>(entries: ReadonlyArray<readonly [string, V]>): Record<string, V> {
  const byKey = new Map(entries);
  // fromEntries defines own properties, so a key such as `__proto__` stays an ordinary key.
  return Object.fromEntries(javaHashMapOrder([...byKey.keys()]).map((key) => [key, byKey.get(key) as V]));
}

/**
 * The methods Jersey lists in `Allow` for a path, in the order it lists them (it collects them in a
 * java.util.HashSet; this is that set's iteration order for these seven names).
 */
export const ALLOW_ORDER: readonly string[] = ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'];
