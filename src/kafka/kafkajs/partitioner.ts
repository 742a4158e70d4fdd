/**
 * Partition choice for records with a null partition, as Kafka's Java producer makes it (the built-in
 * partitioner of Kafka 3.x, formerly DefaultPartitioner):
 * - a keyed record goes to toPositive(murmur2(key)) % partitions; kafkajs's DefaultPartitioner (the
 *   renamed JavaCompatiblePartitioner) computes exactly that and is used for it;
 * - a keyless record goes to a "sticky" partition, chosen at random among partitions that have a leader
 *   and kept until about batch.size bytes went to it (KIP-480/KIP-794), so keyless records fill few
 *   batches. kafkajs's own choice (round robin per record) would spread every request over all partitions.
 *
 * The choice for each message is recorded, so the producer can map broker acknowledgements (one base
 * offset per partition) back to records, and so a kafkajs retry of the same message keeps its partition.
 */
import { Partitioners, type ICustomPartitioner, type Message, type PartitionMetadata, type PartitionerArgs } from 'kafkajs';
import { ConnectError } from '../../api/errors.js';

export interface PartitionerOptions {
  /** Where the chosen partition of each message is recorded. */
  readonly choices: WeakMap<Message, number>;
  /** batch.size: bytes after which a keyless record stream moves to another partition. */
  readonly stickyBatchBytes: number;
  /** partitioner.ignore.keys. */
  readonly ignoreKeys: boolean;
}

interface StickyState {
  partition: number;
  bytes: number;
}

export function javaCompatiblePartitioner(options: PartitionerOptions): ICustomPartitioner {
  return () => {
    const byKeyHash = Partitioners.DefaultPartitioner();
    const sticky = new Map<string, StickyState>();

    const stickyPartition = (topic: string, metadata: readonly PartitionMetadata[], size: number): number => {
      const current = sticky.get(topic);
      if (current !== undefined && current.bytes < options.stickyBatchBytes && metadata.some((p) => p.partitionId === current.partition)) {
        current.bytes += size;
        return current.partition;
      }
      const next = pickOther(metadata, current?.partition);
      sticky.set(topic, { partition: next, bytes: size });
      return next;
    };

    return (args: PartitionerArgs): number => {
      const { topic, partitionMetadata, message } = args;
      let partition: number;
      if (message.partition !== undefined && message.partition !== null) {
        partition = message.partition;
        if (!partitionMetadata.some((p) => p.partitionId === partition)) {
          // kafkajs would send it nowhere; Kafka's producer rejects such a record (non-retriable).
          throw new ConnectError(`Invalid partition given with record: ${partition} is not in the range [0...${partitionMetadata.length}) of topic ${topic}`);
        }
      } else if (!options.ignoreKeys && message.key !== undefined && message.key !== null) {
        partition = byKeyHash(args);
      } else {
        const previous = options.choices.get(message);
        partition =
          previous !== undefined && partitionMetadata.some((p) => p.partitionId === previous)
            ? previous
            : stickyPartition(topic, partitionMetadata, approximateSize(message));
      }
      options.choices.set(message, partition);
      return partition;
    };
  };
}

/** A random partition with a leader, other than `avoid` when there is a choice (Kafka's sticky switch). */
function pickOther(metadata: readonly PartitionMetadata[], avoid: number | undefined): number {
  const withLeader = metadata.filter((p) => p.leader >= 0);
  const pool = withLeader.length > 0 ? withLeader : [...metadata];
  const candidates = pool.length > 1 && avoid !== undefined ? pool.filter((p) => p.partitionId !== avoid) : pool;
  const chosen = candidates[Math.floor(Math.random() * candidates.length)];
  if (chosen === undefined) throw new ConnectError('No partitions known for the topic');
  return chosen.partitionId;
}

function approximateSize(message: Message): number {
  const length = (part: Buffer | string | null | undefined): number => (part === null || part === undefined ? 0 : part.length);
  return length(message.key) + length(message.value);
}
