/**
 * The SMT chain of one task (Kafka's TransformationChain): the `transforms` aliases in order, each with its
 * optional predicate (`transforms.<alias>.predicate`) and `negate`. Every stage runs under the task's
 * retry-with-tolerance operator, so a failing SMT is retried, reported and skipped or fails the task exactly
 * as Kafka's `errors.*` settings say.
 */
import { ConfigError } from '../api/errors.js';
import type { ConnectRecord } from '../api/record.js';
import type { Predicate, Transformation } from '../api/transformation.js';
import type { ConsumedRecord } from '../kafka/port.js';
import { FAILED, type Failed, type RetryWithToleranceOperator } from './errors/retry-with-tolerance.js';
import type { PluginRegistry } from './plugins.js';

interface ChainStage<R extends ConnectRecord> {
  readonly alias: string;
  readonly className: string;
  readonly transformation: Transformation<R>;
  readonly predicate: Predicate<R> | undefined;
  readonly negate: boolean;
}

/** The keys under `prefix` with the prefix removed, minus `exclude` (Kafka's originalsWithPrefix). */
export function subConfig(raw: Readonly<Record<string, string>>, prefix: string, exclude: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (!exclude.includes(name)) out[name] = value;
  }
  return out;
}

function listOf(raw: Readonly<Record<string, string>>, key: string): string[] {
  const value = (raw[key] ?? '').trim();
  return value === '' ? [] : value.split(/\s*,\s*/);
}

export class TransformationChain<R extends ConnectRecord = ConnectRecord> {
  constructor(private readonly stages: readonly ChainStage<R>[]) {}

  static empty<R extends ConnectRecord>(): TransformationChain<R> {
    return new TransformationChain<R>([]);
  }

  /** Builds and configures every stage; configuration errors name the offending key. */
  static fromConfig<R extends ConnectRecord>(plugins: PluginRegistry, raw: Readonly<Record<string, string>>): TransformationChain<R> {
    const predicates = new Map<string, Predicate<R>>();
    for (const alias of listOf(raw, 'predicates')) {
      const key = `predicates.${alias}.type`;
      const plugin = plugins.predicate(raw[key] ?? '');
      if (!plugin) throw ConfigError.invalid(key, raw[key] ?? null, `Class ${raw[key] ?? 'null'} could not be found.`);
      const predicate = plugin.create() as Predicate<R>;
      predicate.configure(subConfig(raw, `predicates.${alias}.`, ['type']));
      predicates.set(alias, predicate);
    }
    const stages = listOf(raw, 'transforms').map((alias): ChainStage<R> => {
      const prefix = `transforms.${alias}.`;
      const plugin = plugins.transformation(raw[`${prefix}type`] ?? '');
      if (!plugin) throw ConfigError.invalid(`${prefix}type`, raw[`${prefix}type`] ?? null, `Class ${raw[`${prefix}type`] ?? 'null'} could not be found.`);
      const transformation = plugin.create() as Transformation<R>;
      transformation.configure(subConfig(raw, prefix, ['type', 'predicate', 'negate']));
      const predicateAlias = raw[`${prefix}predicate`];
      const predicate = predicateAlias ? predicates.get(predicateAlias) : undefined;
      if (predicateAlias && !predicate) {
        throw ConfigError.invalid(`${prefix}predicate`, predicateAlias, `Unknown predicate '${predicateAlias}'`);
      }
      return { alias, className: plugin.className, transformation, predicate, negate: raw[`${prefix}negate`]?.trim().toLowerCase() === 'true' };
    });
    return new TransformationChain(stages);
  }

  get size(): number {
    return this.stages.length;
  }

  /**
   * Applies the chain. Returns the transformed record, null when an SMT dropped it, FAILED when a tolerated
   * error skipped it, or a promise of one of those when a stage needed the slow (retry/report) path.
   */
  apply(record: R, operator: RetryWithToleranceOperator, consumed?: ConsumedRecord): R | null | Failed | Promise<R | null | Failed> {
    let current: R | null = record;
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i] as ChainStage<R>;
      const input: R = current as R;
      const result = operator.execute('TRANSFORMATION', stage.className, () => this.applyStage(stage, input), {
        consumed,
        ...(input.kind === 'source' ? { source: input } : {}),
      });
      if (result instanceof Promise) return this.continueAsync(result, i + 1, operator, consumed);
      if (result === null) return null;
      current = result;
    }
    return current;
  }

  private applyStage(stage: ChainStage<R>, record: R): R | null {
    if (stage.predicate && stage.predicate.test(record) === stage.negate) return record;
    return stage.transformation.apply(record);
  }

  private async continueAsync(
    pending: Promise<R | null | Failed>,
    next: number,
    operator: RetryWithToleranceOperator,
    consumed?: ConsumedRecord,
  ): Promise<R | null | Failed> {
    const result = await pending;
    if (result === FAILED || result === null) return result;
    const rest = new TransformationChain(this.stages.slice(next));
    return rest.apply(result, operator, consumed);
  }

  close(): void {
    for (const stage of this.stages) {
      stage.transformation.close?.();
      stage.predicate?.close?.();
    }
  }
}
