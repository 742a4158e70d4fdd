/**
 * Topic creation by source connectors (KIP-158): with `topic.creation.default.replication.factor` and
 * `topic.creation.default.partitions` set (and the worker's `topic.creation.enable`), a topic is created
 * before the first record is sent to it, using the first group of `topic.creation.groups` whose `include`
 * regexes match and `exclude` regexes do not, else the default group. Other `topic.creation.<group>.*` keys
 * become topic-level settings.
 */
import type { NewTopic, TopicAdmin } from '../kafka/port.js';
import { subConfig } from './transformation-chain.js';

interface Group {
  readonly name: string;
  readonly include: RegExp[];
  readonly exclude: RegExp[];
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Record<string, string>;
}

const RESERVED = new Set(['include', 'exclude', 'partitions', 'replication.factor']);

function regexes(list: string | undefined): RegExp[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new RegExp(`^(?:${s})$`));
}

function group(raw: Readonly<Record<string, string>>, name: string, fallback?: Group): Group {
  const keys = subConfig(raw, `topic.creation.${name}.`);
  const config = Object.fromEntries(Object.entries(keys).filter(([k]) => !RESERVED.has(k)));
  return {
    name,
    include: regexes(keys.include),
    exclude: regexes(keys.exclude),
    partitions: keys.partitions === undefined ? (fallback?.partitions ?? -1) : Number(keys.partitions),
    replicationFactor: keys['replication.factor'] === undefined ? (fallback?.replicationFactor ?? -1) : Number(keys['replication.factor']),
    config: { ...fallback?.config, ...config },
  };
}

export class TopicCreation {
  private readonly known = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  private constructor(
    private readonly admin: TopicAdmin,
    private readonly defaults: Group,
    private readonly groups: readonly Group[],
  ) {}

  /** Null when topic creation is not enabled for the connector (the broker's auto-creation then applies). */
  static fromConfig(admin: TopicAdmin, raw: Readonly<Record<string, string>>, workerEnabled: boolean): TopicCreation | null {
    if (!workerEnabled || raw['topic.creation.default.replication.factor'] === undefined || raw['topic.creation.default.partitions'] === undefined) {
      return null;
    }
    const defaults = group(raw, 'default');
    const names = (raw['topic.creation.groups'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return new TopicCreation(admin, defaults, names.map((n) => group(raw, n, defaults)));
  }

  /** True when the topic is already known to exist: callers skip the await on the hot path. */
  isKnown(topic: string): boolean {
    return this.known.has(topic);
  }

  /** Creates the topic if it does not exist yet (once per topic per task). */
  async ensure(topic: string): Promise<void> {
    if (this.known.has(topic)) return;
    let work = this.pending.get(topic);
    if (!work) {
      work = this.create(topic).finally(() => this.pending.delete(topic));
      this.pending.set(topic, work);
    }
    await work;
  }

  private async create(topic: string): Promise<void> {
    const existing = await this.admin.listTopics();
    if (!existing.includes(topic)) {
      const chosen = this.groups.find((g) => g.include.some((r) => r.test(topic)) && !g.exclude.some((r) => r.test(topic))) ?? this.defaults;
      const request: NewTopic = {
        name: topic,
        partitions: chosen.partitions,
        replicationFactor: chosen.replicationFactor,
        config: chosen.config,
      };
      await this.admin.createTopics([request]);
    }
    this.known.add(topic);
  }
}
