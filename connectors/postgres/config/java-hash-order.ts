/**
 * The iteration order of a `java.util.HashSet` built by adding `values` in order (as Java's
 * `Collectors.toSet()` does). Debezium lists an enum's allowed values from such a set, both in its
 * "Value must be one of …" message and as the recommended values of the validate output, so Tidewater
 * lists them in the same order.
 */

/** Java's `String.hashCode()`. */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * HashMap's table: 16 buckets, doubled whenever the size passes three quarters of it; a bucket is
 * `(h ^ (h >>> 16)) & (buckets - 1)`; entries of one bucket keep their insertion order (also across a
 * resize, which splits buckets without reordering). Duplicates are dropped, as a set does.
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  let buckets = 16;
  while (unique.length > buckets * 0.75) buckets *= 2;
  const bucketOf = (value: string) => {
    const h = javaStringHash(value);
    return (h ^ (h >>> 16)) & (buckets - 1);
  };
  return unique
    .map((value, index) => ({ value, index, bucket: bucketOf(value) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.value);
}
