/**
 * Where tolerated (and final) record failures are reported: the log (`errors.log.enable`,
 * `errors.log.include.messages`) and, for sink connectors, the dead letter queue
 * (`errors.deadletterqueue.*`), which receives the record's original bytes with Kafka Connect's
 * `__connect.errors.*` context headers.
 */
import type { Logger } from 'pino';
import { errorClassName } from '../../api/errors.js';
import type { RawHeader, TopicAdmin, TopicProducer } from '../../kafka/port.js';
import { traceOf } from '../status-store.js';
import type { ErrorReporter, ProcessingFailure } from './retry-with-tolerance.js';

function describeRecord(failure: ProcessingFailure): string {
  const c = failure.consumed;
  if (c) {
    return `, where consumed record is {topic='${c.topic}', partition=${c.partition}, offset=${c.offset}, timestamp=${c.timestamp}, timestampType=${c.timestampType}}`;
  }
  const s = failure.source;
  if (s) return `, where source record is = SourceRecord{sourcePartition=${JSON.stringify(s.sourcePartition)}, sourceOffset=${JSON.stringify(s.sourceOffset)}} topic='${s.topic}'`;
  return '';
}

/** Kafka's LogReporter. */
export class LogReporter implements ErrorReporter {
  constructor(
    private readonly options: { logger: Logger; taskId: string; includeMessages: boolean; onLogged?: () => void },
  ) {}

  async report(failure: ProcessingFailure): Promise<void> {
    const where = this.options.includeMessages ? describeRecord(failure) : '';
    this.options.logger.error(
      { err: failure.error, stage: failure.stage, executingClass: failure.executingClass },
      `Error encountered in task ${this.options.taskId}. Executing stage '${failure.stage}' with class '${failure.executingClass}'${where}.`,
    );
    this.options.onLogged?.();
  }
}

/** The headers Kafka's DeadLetterQueueReporter adds with `errors.deadletterqueue.context.headers.enable`. */
export const DLQ_HEADERS = {
  topic: '__connect.errors.topic',
  partition: '__connect.errors.partition',
  offset: '__connect.errors.offset',
  connector: '__connect.errors.connector.name',
  task: '__connect.errors.task.id',
  stage: '__connect.errors.stage',
  executingClass: '__connect.errors.class.name',
  exceptionClass: '__connect.errors.exception.class.name',
  exceptionMessage: '__connect.errors.exception.message',
  exceptionStacktrace: '__connect.errors.exception.stacktrace',
} as const;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Kafka's exception classes for the SPI's errors, as DLQ consumers filter on them. */
const KAFKA_EXCEPTION_CLASSES: Readonly<Record<string, string>> = {
  DataError: 'org.apache.kafka.connect.errors.DataException',
  ConnectError: 'org.apache.kafka.connect.errors.ConnectException',
  RetriableError: 'org.apache.kafka.connect.errors.RetriableException',
  ConfigError: 'org.apache.kafka.common.config.ConfigException',
  NotFoundError: 'org.apache.kafka.connect.errors.NotFoundException',
  AlreadyExistsError: 'org.apache.kafka.connect.errors.AlreadyExistsException',
};

/** The `__connect.errors.exception.class.name` of an error: Kafka's class for the SPI's errors, else its own name. */
export function exceptionClassName(error: Error): string {
  const name = errorClassName(error);
  return KAFKA_EXCEPTION_CLASSES[name] ?? name;
}

export interface DeadLetterQueueOptions {
  readonly topic: string;
  readonly replicationFactor: number;
  readonly contextHeaders: boolean;
  readonly connector: string;
  readonly task: number;
  readonly producer: TopicProducer;
  readonly admin: TopicAdmin;
  readonly logger: Logger;
  /** Turns secrets into `[hidden]` before they reach a header. */
  readonly scrub: (text: string) => string;
  readonly onProduced?: (ok: boolean) => void;
}

/** Kafka's DeadLetterQueueReporter: sink connectors only; records without their consumed bytes are skipped. */
export class DeadLetterQueueReporter implements ErrorReporter {
  private topicReady: Promise<void> | undefined;

  constructor(private readonly options: DeadLetterQueueOptions) {}

  async report(failure: ProcessingFailure): Promise<void> {
    const consumed = failure.consumed;
    if (!consumed) return;
    await (this.topicReady ??= this.ensureTopic());
    const headers: RawHeader[] = [...consumed.headers];
    if (this.options.contextHeaders) headers.push(...this.contextHeaders(failure));
    try {
      await this.options.producer.send([
        { topic: this.options.topic, partition: null, key: consumed.key, value: consumed.value, headers, timestamp: consumed.timestamp },
      ]);
      this.options.onProduced?.(true);
    } catch (err) {
      this.options.onProduced?.(false);
      this.options.logger.error({ err, topic: this.options.topic }, 'Could not produce message to dead letter queue');
    }
  }

  private contextHeaders(failure: ProcessingFailure): RawHeader[] {
    const c = failure.consumed;
    const error = failure.error;
    const headers: RawHeader[] = [];
    const add = (key: string, value: string | undefined) => {
      if (value !== undefined) headers.push({ key, value: utf8(value) });
    };
    add(DLQ_HEADERS.topic, c?.topic);
    add(DLQ_HEADERS.partition, c === undefined ? undefined : String(c.partition));
    add(DLQ_HEADERS.offset, c === undefined ? undefined : String(c.offset));
    add(DLQ_HEADERS.connector, this.options.connector);
    add(DLQ_HEADERS.task, String(this.options.task));
    add(DLQ_HEADERS.stage, failure.stage);
    add(DLQ_HEADERS.executingClass, failure.executingClass);
    add(DLQ_HEADERS.exceptionClass, exceptionClassName(error));
    add(DLQ_HEADERS.exceptionMessage, this.options.scrub(error.message));
    // As Kafka's (ExceptionUtils.getStackTrace): the error's stack, then each cause's ("Caused by: …").
    add(DLQ_HEADERS.exceptionStacktrace, this.options.scrub(traceOf(error)));
    return headers;
  }

  private async ensureTopic(): Promise<void> {
    const existing = await this.options.admin.listTopics();
    if (existing.includes(this.options.topic)) return;
    await this.options.admin.createTopics([{ name: this.options.topic, partitions: 1, replicationFactor: this.options.replicationFactor }]);
  }
}
