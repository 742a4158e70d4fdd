/**
 * A windowed statistic in the manner of Kafka's Sensors (`SampledStat`, `Rate`, `Avg`, `Max`, `Frequencies`):
 * values fall into time-boxed samples; a measurement combines the samples still inside the window. Kafka's
 * default `MetricConfig` keeps 2 samples of 30 s, so a rate or average describes roughly the last minute.
 *
 * The mechanics follow Kafka's:
 * - a sample is complete once `windowMs` has passed since it started; the next record starts a new sample,
 *   recycling the oldest (one spare sample is kept, `samples + 1` in all);
 * - before each measurement, a sample whose last event is `samples × windowMs` old or more is reset;
 * - a rate divides the windowed sum by the time since the oldest sample started, padded up to
 *   `samples − 1` whole windows, so the first seconds after start-up do not report huge rates.
 *
 * One sample keeps count, sum and max, so one instance serves a rate, an average, a max and a boolean
 * frequency (values 0/1: the fraction of ones is sum / count) at once. Recording allocates nothing once the
 * samples exist.
 */

export interface SampleWindowConfig {
  /** Samples combined by a measurement (Kafka's `metrics.num.samples`, default 2). */
  readonly samples: number;
  /** Length of one sample in milliseconds (Kafka's `metrics.sample.window.ms`, default 30000). */
  readonly windowMs: number;
}

export const KAFKA_DEFAULT_SAMPLE_WINDOW: SampleWindowConfig = { samples: 2, windowMs: 30_000 };

class Sample {
  startMs: number;
  lastEventMs: number;
  count = 0;
  sum = 0;
  max = Number.NEGATIVE_INFINITY;

  constructor(nowMs: number) {
    this.startMs = nowMs;
    this.lastEventMs = nowMs;
  }

  reset(nowMs: number): void {
    this.startMs = nowMs;
    this.lastEventMs = nowMs;
    this.count = 0;
    this.sum = 0;
    this.max = Number.NEGATIVE_INFINITY;
  }
}

export class SampledStat {
  private readonly samples: Sample[] = [];
  private currentIndex = 0;

  constructor(private readonly config: SampleWindowConfig = KAFKA_DEFAULT_SAMPLE_WINDOW) {}

  record(value: number, nowMs: number): void {
    let sample = this.current(nowMs);
    if (nowMs - sample.startMs >= this.config.windowMs) sample = this.advance(nowMs);
    sample.count += 1;
    sample.sum += value;
    if (value > sample.max) sample.max = value;
    sample.lastEventMs = nowMs;
  }

  /** Windowed sum per second (Kafka's `Rate` over a `WindowedSum`). */
  ratePerSecond(nowMs: number): number {
    const windowMs = this.rateWindowMs(nowMs);
    let sum = 0;
    for (const sample of this.samples) sum += sample.sum;
    return windowMs > 0 ? sum / (windowMs / 1000) : 0;
  }

  /** Windowed mean of the recorded values; NaN when none is in the window (Kafka's `Avg`). */
  average(nowMs: number): number {
    this.purgeObsolete(nowMs);
    let sum = 0;
    let count = 0;
    for (const sample of this.samples) {
      sum += sample.sum;
      count += sample.count;
    }
    return count === 0 ? Number.NaN : sum / count;
  }

  /** Windowed maximum; NaN when nothing is in the window (Kafka's `Max`). */
  max(nowMs: number): number {
    this.purgeObsolete(nowMs);
    let max = Number.NEGATIVE_INFINITY;
    let count = 0;
    for (const sample of this.samples) {
      count += sample.count;
      if (sample.count > 0 && sample.max > max) max = sample.max;
    }
    return count === 0 ? Number.NaN : max;
  }

  /**
   * For a stat fed 1 (true) and 0 (false): the fraction of true values in the window, or of false values
   * when `of` is false; 0 when nothing is in the window (Kafka's `Frequencies.forBooleanValues`).
   */
  booleanFrequency(of: boolean, nowMs: number): number {
    this.purgeObsolete(nowMs);
    let trues = 0;
    let count = 0;
    for (const sample of this.samples) {
      trues += sample.sum;
      count += sample.count;
    }
    if (count === 0) return 0;
    return (of ? trues : count - trues) / count;
  }

  private current(nowMs: number): Sample {
    const existing = this.samples[this.currentIndex];
    if (existing !== undefined) return existing;
    const created = new Sample(nowMs);
    this.samples.push(created);
    return created;
  }

  private advance(nowMs: number): Sample {
    this.currentIndex = (this.currentIndex + 1) % (this.config.samples + 1);
    const recycled = this.samples[this.currentIndex];
    if (recycled !== undefined) {
      recycled.reset(nowMs);
      return recycled;
    }
    const created = new Sample(nowMs);
    this.samples.push(created);
    return created;
  }

  private purgeObsolete(nowMs: number): void {
    const expireAfterMs = this.config.samples * this.config.windowMs;
    for (const sample of this.samples) {
      if (nowMs - sample.lastEventMs >= expireAfterMs) sample.reset(nowMs);
    }
  }

  private rateWindowMs(nowMs: number): number {
    this.purgeObsolete(nowMs);
    let oldestStartMs = nowMs;
    for (const sample of this.samples) {
      if (sample.startMs < oldestStartMs) oldestStartMs = sample.startMs;
    }
    let elapsedMs = nowMs - oldestStartMs;
    const fullWindows = Math.floor(elapsedMs / this.config.windowMs);
    const requiredFullWindows = this.config.samples - 1;
    if (fullWindows < requiredFullWindows) elapsedMs += (requiredFullWindows - fullWindows) * this.config.windowMs;
    return elapsedMs;
  }
}
