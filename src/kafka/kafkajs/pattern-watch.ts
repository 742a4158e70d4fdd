/**
 * Pattern subscriptions. kafkajs resolves a RegExp subscription once, when the consumer starts, so this
 * resolves the pattern itself — against the whole topic name, as Java's Pattern.matches does, internal
 * topics excluded (Kafka's exclude.internal.topics=true) — and re-checks the topic list every
 * metadata.max.age.ms, which is when Kafka's consumer would notice new topics too. When the matches
 * change, the consumer restarts its kafkajs consumer with the new list.
 */
import type { Logger } from 'pino';

/** Topics Kafka marks internal. */
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state']);

/** The topics, sorted, whose whole name matches `pattern`. */
export function topicsMatching(pattern: RegExp, topics: readonly string[]): string[] {
  const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
  return topics.filter((topic) => !INTERNAL_TOPICS.has(topic) && whole.test(topic)).sort();
}

export interface PatternWatchOptions {
  readonly pattern: RegExp;
  readonly intervalMs: number;
  readonly listTopics: () => Promise<string[]>;
  /** The topics the consumer runs with now. */
  readonly current: () => readonly string[] | undefined;
  /** Called with the new matches when they differ from `current()`. */
  readonly onChange: (topics: string[]) => Promise<void>;
  readonly logger: Logger;
}

export class PatternWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PatternWatchOptions) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().finally(() => this.schedule()), Math.max(100, this.options.intervalMs));
    // A pending check must not keep the process alive.
    this.timer.unref();
  }

  private async check(): Promise<void> {
    try {
      const topics = topicsMatching(this.options.pattern, await this.options.listTopics());
      const current = this.options.current();
      if (this.stopped || current === undefined) return;
      if (topics.length === current.length && topics.every((topic, index) => topic === current[index])) return;
      await this.options.onChange(topics);
    } catch (err) {
      this.options.logger.warn({ err, pattern: this.options.pattern.source }, 'checking the subscription pattern for new topics failed');
    }
  }
}
