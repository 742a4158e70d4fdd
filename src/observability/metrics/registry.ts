/**
 * A tiny metrics registry and the Prometheus text exposition format (version 0.0.4).
 *
 * Values live in the objects that record them (plain number fields, `SampledStat`s); the registry only knows
 * collectors, functions that emit the current samples when `/metrics` is scraped. Rates, averages and
 * callback gauges are therefore computed at scrape time and recording stays free of lookups. A collector is
 * registered by whoever owns the series (a task, a connector) and unregistered when that owner goes away,
 * which removes all its series at once.
 *
 * Output is stable: families sorted by name, each with one `# HELP` and one `# TYPE` line, series sorted by
 * label values (numerically where both values are integers, so task "10" follows task "9"). Families that
 * have no series are left out. The first definition seen for a name wins; a repeated series is dropped.
 */

export type MetricType = 'counter' | 'gauge';

export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
}

/** Label names to values, in output order. */
export type Labels = Readonly<Record<string, string>>;

export type EmitSample = (definition: MetricDefinition, labels: Labels, value: number) => void;

/** Emits the current value of every series it owns. `nowMs` comes from the registry's clock. */
export type Collector = (nowMs: number, emit: EmitSample) => void;

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface CollectedSeries {
  readonly labelValues: readonly string[];
  readonly labelText: string;
  readonly value: number;
}

interface CollectedFamily {
  readonly definition: MetricDefinition;
  readonly seriesByLabels: Map<string, CollectedSeries>;
}

export class MetricsRegistry {
  private readonly collectors = new Set<Collector>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Adds a collector; the returned function removes it (and so every series it emitted). */
  register(collector: Collector): () => void {
    this.collectors.add(collector);
    return () => {
      this.collectors.delete(collector);
    };
  }

  render(): string {
    const nowMs = this.clock();
    const families = new Map<string, CollectedFamily>();
    const emit: EmitSample = (definition, labels, value) => {
      let family = families.get(definition.name);
      if (family === undefined) {
        family = { definition, seriesByLabels: new Map() };
        families.set(definition.name, family);
      }
      const labelText = formatLabels(labels);
      if (family.seriesByLabels.has(labelText)) return;
      family.seriesByLabels.set(labelText, { labelValues: Object.values(labels), labelText, value });
    };
    for (const collector of this.collectors) collector(nowMs, emit);

    const lines: string[] = [];
    const names = [...families.keys()].sort();
    for (const name of names) {
      const family = families.get(name);
      if (family === undefined || family.seriesByLabels.size === 0) continue;
      lines.push(`# HELP ${name} ${escapeHelp(family.definition.help)}`);
      lines.push(`# TYPE ${name} ${family.definition.type}`);
      const series = [...family.seriesByLabels.values()].sort((a, b) => compareLabelValues(a.labelValues, b.labelValues));
      for (const one of series) lines.push(`${name}${one.labelText} ${formatValue(one.value)}`);
    }
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }
}

/** A monotonically increasing count (a Kafka `CumulativeSum`). */
export class Counter {
  value = 0;

  inc(by = 1): void {
    this.value += by;
  }
}

/** A value set by its owner (a Kafka `Value`). */
export class Gauge {
  constructor(public value = 0) {}

  set(value: number): void {
    this.value = value;
  }
}

/**
 * Series that share labels and a lifetime, like Kafka's `MetricGroup` (tags connector and task). `close()`
 * removes them all from the registry.
 */
export class MetricGroup {
  private readonly fixedSeries: { readonly definition: MetricDefinition; readonly read: (nowMs: number) => number }[] = [];
  private readonly extraCollectors: Collector[] = [];
  private readonly unregister: () => void;

  constructor(
    registry: MetricsRegistry,
    readonly labels: Labels,
  ) {
    this.unregister = registry.register((nowMs, emit) => {
      for (const series of this.fixedSeries) emit(series.definition, this.labels, series.read(nowMs));
      for (const collector of this.extraCollectors) collector(nowMs, emit);
    });
  }

  counter(definition: MetricDefinition): Counter {
    const counter = new Counter();
    this.computed(definition, () => counter.value);
    return counter;
  }

  gauge(definition: MetricDefinition, initialValue = 0): Gauge {
    const gauge = new Gauge(initialValue);
    this.computed(definition, () => gauge.value);
    return gauge;
  }

  /** A series whose value is computed when scraped (callback gauges, windowed rates and averages). */
  computed(definition: MetricDefinition, read: (nowMs: number) => number): void {
    this.fixedSeries.push({ definition, read });
  }

  /** Series whose labels are only known at scrape time (e.g. a `status` label); removed with the group. */
  collect(collector: Collector): void {
    this.extraCollectors.push(collector);
  }

  close(): void {
    this.unregister();
  }
}

export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const INTEGER = /^-?\d+$/;

function compareLabelValues(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const left = a[i] ?? '';
    const right = b[i] ?? '';
    if (left === right) continue;
    if (INTEGER.test(left) && INTEGER.test(right)) return Number(left) - Number(right);
    return left < right ? -1 : 1;
  }
  return a.length - b.length;
}
