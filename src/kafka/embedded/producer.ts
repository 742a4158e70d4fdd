/**
 * The embedded store's producer. A send() resolves once every record's bytes are in its partition's
 * segment file (write() returned; fsynced too when the topic's flush policy asks), so an acknowledged
 * record survives the process being killed. Records of one send() bound for one partition go to the log
 * as one batch; offsets are assigned when the send is queued, in call order across sends.
 */
import type { Logger } from 'pino';
import { ConnectError, IllegalStateError, RetriableError } from '../../api/errors.js';
import type { ProducedRecord, ProduceResult, ProducerOptions, TopicProducer } from '../port.js';
import { partitionForKey, StickyPartitioner } from './partitioner.js';
import type { PartitionLog } from './partition-log.js';
import { frameLength, type RecordToAppend } from './record-format.js';
import type { Topic, TopicRegistry } from './topic-registry.js';

export interface EmbeddedProducerOptions extends ProducerOptions {
  readonly registry: TopicRegistry;
  /** auto.create.topics.enable: create unknown topics (with the default partition count) on first send. */
  readonly autoCreateTopics: boolean;
  readonly logger: Logger;
  /** Called once the producer is closed, so the store stops tracking it. */
  readonly onClose: () => void;
}

/** Kafka's producer default for max.request.size. */
const DEFAULT_MAX_REQUEST_SIZE = 1048576;
const DEFAULT_BATCH_SIZE = 16384;

/** A record too large for the topic or the producer's max.request.size (Kafka's RecordTooLargeException). */
export class RecordTooLargeError extends ConnectError {
  constructor(message: string) {
    super(message, { code: 'RECORD_TOO_LARGE' });
  }
}

function intSetting(settings: Readonly<Record<string, string>> | undefined, key: string, fallback: number): number {
  const raw = settings?.[key];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

interface Enqueued {
  readonly results: ProduceResult[];
  readonly written: Promise<unknown>;
}

export class EmbeddedProducer implements TopicProducer {
  private readonly registry: TopicRegistry;
  private readonly autoCreateTopics: boolean;
  private readonly maxRequestSize: number;
  private readonly sticky: StickyPartitioner;
  private readonly onClose: () => void;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Sends queue their records one after another, so offsets follow call order even across topic creation. */
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: EmbeddedProducerOptions) {
    this.registry = options.registry;
    this.autoCreateTopics = options.autoCreateTopics;
    this.maxRequestSize = intSetting(options.settings, 'max.request.size', DEFAULT_MAX_REQUEST_SIZE);
    this.sticky = new StickyPartitioner({ batchSizeBytes: intSetting(options.settings, 'batch.size', DEFAULT_BATCH_SIZE) });
    this.onClose = options.onClose;
  }

  async send(records: readonly ProducedRecord[]): Promise<ProduceResult[]> {
    if (this.closed) throw new IllegalStateError('Cannot perform operation after producer has been closed');
    if (records.length === 0) return [];
    const enqueue = this.turn.then(() => this.enqueue(records));
    this.turn = enqueue.catch(() => undefined);
    // flush() waits on this one; it never rejects (the failure belongs to this send's caller).
    const settled = enqueue.then((e) => e.written).then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    try {
      const { results, written } = await enqueue;
      await written;
      return results;
    } finally {
      this.inFlight.delete(settled);
    }
  }

  private async topicFor(name: string): Promise<Topic> {
    const existing = this.registry.get(name);
    if (existing) return existing;
    if (!this.autoCreateTopics) {
      throw new RetriableError(`Topic ${name} not present in metadata`, { code: 'UNKNOWN_TOPIC_OR_PARTITION' });
    }
    return (await this.registry.create({ name })).topic;
  }

  /** Validates everything, then queues each partition's records as one batch. */
  private async enqueue(records: readonly ProducedRecord[]): Promise<Enqueued> {
    const topics = new Map<string, Topic>();
    for (const record of records) if (!topics.has(record.topic)) topics.set(record.topic, await this.topicFor(record.topic));
    const now = Date.now();
    const batches = new Map<PartitionLog, { indexes: number[]; records: RecordToAppend[] }>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ProducedRecord;
      const topic = topics.get(record.topic) as Topic;
      const toAppend: RecordToAppend = { key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp ?? now };
      const size = frameLength(toAppend);
      const limit = Math.min(this.maxRequestSize, topic.settings.maxMessageBytes);
      if (size > limit) {
        throw new RecordTooLargeError(
          `The message is ${size} bytes when serialized which is larger than ${limit}, the smaller of max.request.size and the topic's max.message.bytes.`,
        );
      }
      const count = topic.partitions.length;
      let partition: number;
      if (record.partition !== null) {
        if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= count) {
          throw new ConnectError(`Invalid partition given with record: ${record.partition} is not in the range [0...${count}).`, { code: 'INVALID_PARTITION' });
        }
        partition = record.partition;
      } else if (record.key !== null) {
        partition = partitionForKey(record.key, count);
      } else {
        partition = this.sticky.partition(topic.name, count, size);
      }
      const log = topic.partitions[partition] as PartitionLog;
      let batch = batches.get(log);
      if (!batch) {
        batch = { indexes: [], records: [] };
        batches.set(log, batch);
      }
      batch.indexes.push(i);
      batch.records.push(toAppend);
    }
    const results = new Array<ProduceResult>(records.length);
    const written: Promise<void>[] = [];
    for (const [log, batch] of batches) {
      const ticket = log.append(batch.records, now);
      batch.indexes.forEach((index, j) => {
        results[index] = {
          topic: log.topic,
          partition: log.partition,
          offset: ticket.baseOffset + j,
          timestamp: ticket.logAppendTime ?? (batch.records[j] as RecordToAppend).timestamp,
        };
      });
      // Should a later partition throw, this write's outcome must not surface as an unhandled rejection.
      ticket.written.catch(() => undefined);
      written.push(ticket.written);
    }
    return { results, written: Promise.all(written) };
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    this.onClose();
  }
}
