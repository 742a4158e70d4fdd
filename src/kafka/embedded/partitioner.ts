/**
 * Partition choice for records produced without a partition, as Kafka's Java producer makes it
 * (BuiltInPartitioner): a keyed record goes to `toPositive(murmur2(key)) % partitions`, so it lands where
 * a Java or kafkajs producer would put it; records without a key stick to one partition until about
 * `batch.size` bytes went there, then move to another, spreading them without splitting small batches.
 */

/** Kafka's murmur2 (Utils.murmur2): 32-bit MurmurHash2, seed 0x9747b28c, over the key bytes. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  // The trailing 1–3 bytes, as Java's fall-through switch mixes them.
  const tail = length & 3;
  if (tail === 3) h ^= (data[whole + 2] as number) << 16;
  if (tail >= 2) h ^= (data[whole + 1] as number) << 8;
  if (tail >= 1) {
    h ^= data[whole] as number;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner picks for a keyed record. */
export function partitionForKey(key: Uint8Array, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}

export interface StickyPartitionerOptions {
  /** batch.size: bytes sent to one partition before moving on (Kafka's default 16384). */
  readonly batchSizeBytes: number;
  /** Source of randomness in [0, 1), replaceable in tests. */
  readonly random?: () => number;
}

/** Chooses partitions for records without a key, per topic, the way Kafka's sticky partitioning does. */
export class StickyPartitioner {
  private readonly batchSizeBytes: number;
  private readonly random: () => number;
  private readonly current = new Map<string, { partition: number; bytes: number }>();

  constructor(options: StickyPartitionerOptions) {
    this.batchSizeBytes = options.batchSizeBytes;
    this.random = options.random ?? Math.random;
  }

  partition(topic: string, partitions: number, recordBytes: number): number {
    let sticky = this.current.get(topic);
    if (!sticky || sticky.bytes >= this.batchSizeBytes || sticky.partition >= partitions) {
      let next = Math.floor(this.random() * partitions);
      // Move on to a different partition when there is one, so a full batch is never followed by the same.
      if (sticky && partitions > 1 && next === sticky.partition) next = (next + 1) % partitions;
      sticky = { partition: next, bytes: 0 };
      this.current.set(topic, sticky);
    }
    sticky.bytes += recordBytes;
    return sticky.partition;
  }
}
