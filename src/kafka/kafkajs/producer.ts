/**
 * TopicProducer over the kafkajs producer. Records of every send() waiting to go out are merged into as
 * few kafkajs `sendBatch` calls as possible (one request carries at most max.request.size bytes), as
 * Kafka's record accumulator fills batches while earlier requests are in flight. linger.ms and batch.size
 * decide when a partly filled request is sent. Each send() resolves only once the broker acknowledged all
 * of its records, with one result per record in input order.
 *
 * Ordering: with the idempotent producer (the default) one request is in flight at a time — kafkajs
 * serialises idempotent requests per broker anyway — so records keep the order of the send() calls. With
 * enable.idempotence=false, up to max.in.flight.requests.per.connection requests run at once and a retried
 * request may land after a later one, as in Kafka.
 */
import type { Message, Producer, RecordMetadata, IHeaders } from 'kafkajs';
import type { Logger } from 'pino';
import { ConnectError } from '../../api/errors.js';
import type { ProduceResult, ProducedRecord, TopicProducer } from '../port.js';
import { toStoreError } from './errors.js';
import { NULL_HEADER_VALUE, nullHeaderValuesSupported } from './null-header.js';
import type { ProducerTuning } from './producer-settings.js';

export interface KafkajsProducerOptions {
  readonly producer: Producer;
  readonly tuning: ProducerTuning;
  /** The partition the partitioner chose for each message (see partitioner.ts). */
  readonly choices: WeakMap<Message, number>;
  readonly logger: Logger;
  /** Called once the producer is closed, so the store can forget it. */
  readonly onClose?: () => void;
}

interface PendingSend {
  readonly results: ProduceResult[];
  remainingSlices: number;
  failed: boolean;
  readonly resolve: (results: ProduceResult[]) => void;
  readonly reject: (err: unknown) => void;
}

interface Entry {
  /** Position of the record in its send() call. */
  readonly index: number;
  readonly topic: string;
  readonly message: Message;
  readonly timestamp: number;
}

/** A run of one send's records that fits in one request. */
interface Slice {
  readonly send: PendingSend;
  readonly entries: Entry[];
  readonly bytes: number;
  readonly enqueuedAt: number;
}

/** Per-record bytes on the wire besides key, value and headers (Kafka's record framing, rounded up). */
const RECORD_OVERHEAD_BYTES = 24;

export class KafkajsTopicProducer implements TopicProducer {
  private readonly producer: Producer;
  private readonly tuning: ProducerTuning;
  private readonly choices: WeakMap<Message, number>;
  private readonly logger: Logger;
  private readonly onClose: (() => void) | undefined;
  private readonly queue: Slice[] = [];
  private queuedBytes = 0;
  private inFlight = 0;
  private flushRequests = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private connection: Promise<void> | undefined;
  private readonly idleWaiters: Array<() => void> = [];
  private closing: Promise<void> | undefined;

  constructor(options: KafkajsProducerOptions) {
    this.producer = options.producer;
    this.tuning = options.tuning;
    this.choices = options.choices;
    this.logger = options.logger;
    this.onClose = options.onClose;
  }

  send(records: readonly ProducedRecord[]): Promise<ProduceResult[]> {
    if (this.closing) return Promise.reject(new ConnectError('Cannot send records: the producer is closed'));
    if (records.length === 0) return Promise.resolve([]);
    let entries: Entry[];
    try {
      entries = records.map((record, index) => this.toEntry(record, index));
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<ProduceResult[]>((resolve, reject) => {
      const send: PendingSend = { results: new Array<ProduceResult>(records.length), remainingSlices: 0, failed: false, resolve, reject };
      const now = Date.now();
      let current: Entry[] = [];
      let currentBytes = 0;
      const cut = (): void => {
        this.queue.push({ send, entries: current, bytes: currentBytes, enqueuedAt: now });
        this.queuedBytes += currentBytes;
        send.remainingSlices += 1;
        current = [];
        currentBytes = 0;
      };
      for (const entry of entries) {
        const size = entrySize(entry.message);
        if (current.length > 0 && currentBytes + size > this.tuning.maxRequestSize) cut();
        current.push(entry);
        currentBytes += size;
      }
      cut();
      this.pump();
    });
  }

  async flush(): Promise<void> {
    this.flushRequests += 1;
    try {
      this.pump();
      while (this.queue.length > 0 || this.inFlight > 0) {
        await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      }
    } finally {
      this.flushRequests -= 1;
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.flush();
        if (this.connection) await this.producer.disconnect();
      } catch (err) {
        throw toStoreError(err, 'Closing the producer failed');
      } finally {
        clearTimeout(this.lingerTimer);
        this.onClose?.();
      }
    })();
    return this.closing;
  }

  private toEntry(record: ProducedRecord, index: number): Entry {
    if (typeof record.topic !== 'string' || record.topic === '') throw new ConnectError(`Record ${index} has no topic`);
    if (record.partition !== null && (!Number.isInteger(record.partition) || record.partition < 0)) {
      throw new ConnectError(`Invalid partition given with record ${index}: ${record.partition}`);
    }
    if (record.timestamp !== null && (!Number.isInteger(record.timestamp) || record.timestamp < 0)) {
      throw new ConnectError(`Invalid timestamp: ${record.timestamp}. Timestamp should always be non-negative or null.`);
    }
    // Kafka's producer stamps the create time when send() is called.
    const timestamp = record.timestamp ?? Date.now();
    const message: Message = {
      key: toBuffer(record.key),
      value: toBuffer(record.value),
      timestamp: String(timestamp),
      ...(record.partition !== null ? { partition: record.partition } : {}),
      ...(record.headers.length > 0 ? { headers: toHeaders(record.headers, record.topic) } : {}),
    };
    const size = entrySize(message);
    if (size > this.tuning.maxRequestSize) {
      throw new ConnectError(
        `The message is ${size} bytes when serialized which is larger than ${this.tuning.maxRequestSize}, which is the value of the max.request.size configuration.`,
      );
    }
    return { index, topic: record.topic, message, timestamp };
  }

  /** Sends as many requests as allowed and ready; arms the linger timer for what must wait. */
  private pump(): void {
    const maxConcurrent = this.tuning.idempotent ? 1 : this.tuning.maxInFlight;
    while (this.queue.length > 0 && this.inFlight < maxConcurrent && this.isReady()) {
      const request: Slice[] = [];
      let bytes = 0;
      for (let next = this.queue[0]; next !== undefined; next = this.queue[0]) {
        if (request.length > 0 && bytes + next.bytes > this.tuning.maxRequestSize) break;
        request.push(next);
        bytes += next.bytes;
        this.queue.shift();
      }
      this.queuedBytes -= bytes;
      this.inFlight += 1;
      void this.execute(request);
    }
    if (this.queue.length === 0 && this.lingerTimer !== undefined) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    if (this.queue.length > 0 && !this.isReady() && this.lingerTimer === undefined) {
      const oldest = this.queue[0]?.enqueuedAt ?? Date.now();
      this.lingerTimer = setTimeout(
        () => {
          this.lingerTimer = undefined;
          this.pump();
        },
        Math.max(0, oldest + this.tuning.lingerMs - Date.now()),
      );
    }
    if (this.queue.length === 0 && this.inFlight === 0) this.wakeIdleWaiters();
  }

  private isReady(): boolean {
    const oldest = this.queue[0];
    if (oldest === undefined) return false;
    return (
      this.tuning.lingerMs === 0 ||
      this.flushRequests > 0 ||
      this.closing !== undefined ||
      this.queuedBytes >= this.tuning.batchSize ||
      Date.now() - oldest.enqueuedAt >= this.tuning.lingerMs
    );
  }

  private async execute(request: Slice[]): Promise<void> {
    try {
      await this.connect();
      const byTopic = new Map<string, Entry[]>();
      for (const slice of request) {
        for (const entry of slice.entries) {
          const list = byTopic.get(entry.topic);
          if (list) list.push(entry);
          else byTopic.set(entry.topic, [entry]);
        }
      }
      const acknowledgements = await this.producer.sendBatch({
        acks: this.tuning.acks,
        timeout: this.tuning.requestTimeoutMs,
        compression: this.tuning.compression,
        topicMessages: [...byTopic].map(([topic, entries]) => ({ topic, messages: entries.map((entry) => entry.message) })),
      });
      const resultByEntry = this.results(byTopic, acknowledgements);
      for (const slice of request) {
        for (const entry of slice.entries) {
          const result = resultByEntry.get(entry);
          if (result) slice.send.results[entry.index] = result;
        }
        slice.send.remainingSlices -= 1;
        if (slice.send.remainingSlices === 0 && !slice.send.failed) slice.send.resolve(slice.send.results);
      }
    } catch (err) {
      const error = toStoreError(err, 'Producing records failed');
      this.logger.debug({ err: error }, 'produce request failed');
      for (const slice of request) {
        if (slice.send.failed) continue;
        slice.send.failed = true;
        slice.send.reject(error);
      }
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  /**
   * Broker acknowledgements carry one base offset per partition; the records kafkajs sent to a partition
   * are that request's records for the partition, in order, so the n-th gets base offset + n.
   */
  private results(byTopic: Map<string, Entry[]>, acknowledgements: RecordMetadata[]): Map<Entry, ProduceResult> {
    const byPartition = new Map<string, RecordMetadata>();
    for (const ack of acknowledgements) byPartition.set(`${ack.topicName}\u0000${ack.partition}`, ack);
    const results = new Map<Entry, ProduceResult>();
    for (const [topic, entries] of byTopic) {
      const counters = new Map<number, number>();
      for (const entry of entries) {
        const partition = this.choices.get(entry.message) ?? entry.message.partition ?? -1;
        const ordinal = counters.get(partition) ?? 0;
        counters.set(partition, ordinal + 1);
        const ack = byPartition.get(`${topic}\u0000${partition}`);
        // acks=0 gets no acknowledgement: offsets are unknown (-1), as in Kafka.
        const base = ack?.baseOffset !== undefined ? Number(ack.baseOffset) : -1;
        const appendTime = ack?.logAppendTime !== undefined ? Number(ack.logAppendTime) : -1;
        results.set(entry, {
          topic,
          partition,
          offset: base >= 0 ? base + ordinal : -1,
          timestamp: appendTime >= 0 ? appendTime : entry.timestamp,
        });
      }
    }
    return results;
  }

  private connect(): Promise<void> {
    if (!this.connection) {
      this.connection = this.producer.connect().catch((err: unknown) => {
        this.connection = undefined;
        throw err;
      });
    }
    return this.connection;
  }

  private wakeIdleWaiters(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

function toBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * kafkajs takes headers as an object: repeated keys become an array (their values keep their order, but
 * no longer interleave with other keys). A null value travels as NULL_HEADER_VALUE (see null-header.ts).
 */
function toHeaders(headers: ProducedRecord['headers'], topic: string): IHeaders {
  const result: Record<string, Buffer | Buffer[]> = Object.create(null) as Record<string, Buffer | Buffer[]>;
  for (const header of headers) {
    let value = toBuffer(header.value);
    if (value === null) {
      if (!nullHeaderValuesSupported()) {
        throw new ConnectError(`Header "${header.key}" of a record for topic ${topic} has a null value, which the kafkajs client cannot encode`);
      }
      value = NULL_HEADER_VALUE;
    }
    const existing = result[header.key];
    if (existing === undefined) result[header.key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[header.key] = [existing, value];
  }
  return result;
}

function entrySize(message: Message): number {
  let size = RECORD_OVERHEAD_BYTES + (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) size += key.length + (item?.length ?? 0) + 2;
  }
  return size;
}
