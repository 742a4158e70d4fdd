/**
 * Background upkeep of an open store, on two unref'd timers (they never keep the process alive):
 * retention (Kafka's log.retention.check.interval.ms) deletes segments that retention.ms / retention.bytes
 * let go; the flusher (log.flush.scheduler.interval.ms) fsyncs partitions whose flush.ms has passed.
 */
import type { Logger } from 'pino';
import type { TopicRegistry } from './topic-registry.js';

export interface LogMaintenanceOptions {
  readonly registry: TopicRegistry;
  readonly retentionCheckIntervalMs: number;
  /** Null when no topic can have a flush.ms worth checking for. */
  readonly flushCheckIntervalMs: number | null;
  readonly logger: Logger;
}

export class LogMaintenance {
  private readonly options: LogMaintenanceOptions;
  private retentionTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(options: LogMaintenanceOptions) {
    this.options = options;
  }

  start(): void {
    if (this.retentionTimer) return;
    this.retentionTimer = setInterval(() => this.schedule(() => this.applyRetention()), this.options.retentionCheckIntervalMs);
    this.retentionTimer.unref();
    if (this.options.flushCheckIntervalMs !== null) {
      this.flushTimer = setInterval(() => this.schedule(() => this.flushDue()), this.options.flushCheckIntervalMs);
      this.flushTimer.unref();
    }
  }

  /** Runs one task at a time; a slow round is not overlapped by the next tick. */
  private schedule(task: () => Promise<unknown>): void {
    this.running = this.running.then(task).catch((err: unknown) => this.options.logger.error({ err }, 'log maintenance failed'));
  }

  /** One retention pass over every partition; resolves with the number of segments deleted. */
  async applyRetention(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (const topic of this.options.registry.all()) {
      for (const log of topic.partitions) deleted += await log.applyRetention(now);
    }
    return deleted;
  }

  private async flushDue(now = Date.now()): Promise<void> {
    for (const topic of this.options.registry.all()) {
      for (const log of topic.partitions) await log.flushIfDue(now);
    }
  }

  /** Stops the timers and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.retentionTimer = null;
    this.flushTimer = null;
    await this.running;
  }
}
