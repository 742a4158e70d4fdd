/**
 * The iteration order of a java.util.HashMap<String, …> filled in a given order: Debezium lists some maps
 * (transaction END records' data_collections) in that order, so byte-identical output has to reproduce it.
 * Keys sit in buckets `spread(hashCode) & (capacity - 1)`; the capacity starts at 16 and doubles whenever the
 * size passes 0.75 × capacity; iteration walks the buckets in order, and keys sharing a bucket keep their
 * insertion order.
 */

/** java.lang.String.hashCode(). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function javaHashMapOrder(keysInInsertionOrder: readonly string[]): string[] {
  let capacity = 16;
  while (keysInInsertionOrder.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keysInInsertionOrder
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}

/** A java.util.HashSet<String> built by adding `values` in order (duplicates dropped), e.g. Collectors.toSet(). */
export function javaHashSetOrder(values: readonly string[]): string[] {
  return javaHashMapOrder([...new Set(values)]);
}
