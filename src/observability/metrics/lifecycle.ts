/**
 * What connector and task handles share: the context they record into, the lifecycle states they report, the
 * time spent in each state (Kafka's `StateTracker`, behind `running-ratio` and `pause-ratio`) and how startup
 * outcomes are derived from state changes (Kafka's worker wraps the status listeners the same way).
 */
import type { ConnectorState } from '../../runtime/herder.js';
import type { MetricsRegistry } from './registry.js';
import type { SampleWindowConfig } from './sampled-stat.js';

/** The herder's states plus DESTROYED, which Kafka reports for deleted connectors and tasks. */
export type LifecycleState = ConnectorState | 'DESTROYED';

export interface MetricsContext {
  readonly registry: MetricsRegistry;
  /** Milliseconds since the epoch; injected by tests. */
  readonly clock: () => number;
  readonly window: SampleWindowConfig;
}

export interface StartupOutcomeListener {
  (succeeded: boolean): void;
}

/**
 * Turns state changes into startup outcomes, once per handle: the first RUNNING is a successful startup, a
 * FAILED before any RUNNING a failed one (Kafka counts `onStartup`, and `onFailure` only before startup).
 */
export class StartupOutcome {
  private decided = false;

  constructor(private readonly listener: StartupOutcomeListener) {}

  observe(state: LifecycleState): void {
    if (this.decided) return;
    if (state === 'RUNNING' || state === 'FAILED') {
      this.decided = true;
      this.listener(state === 'RUNNING');
    }
  }
}

/** Time spent in each state since the first state change. */
export class StateTimer {
  private state: LifecycleState | undefined;
  private enteredAtMs = 0;
  private readonly pastDurationsMs = new Map<LifecycleState, number>();
  private pastTotalMs = 0;

  change(state: LifecycleState, nowMs: number): void {
    if (state === this.state) return;
    if (this.state !== undefined) {
      const durationMs = Math.max(0, nowMs - this.enteredAtMs);
      this.pastDurationsMs.set(this.state, (this.pastDurationsMs.get(this.state) ?? 0) + durationMs);
      this.pastTotalMs += durationMs;
    }
    this.state = state;
    this.enteredAtMs = nowMs;
  }

  /** Fraction of the tracked time spent in `state`; 0 before any change or while no time has passed. */
  ratio(state: LifecycleState, nowMs: number): number {
    if (this.state === undefined) return 0;
    const currentMs = Math.max(0, nowMs - this.enteredAtMs);
    const totalMs = this.pastTotalMs + currentMs;
    if (totalMs === 0) return 0;
    const inStateMs = (this.pastDurationsMs.get(state) ?? 0) + (state === this.state ? currentMs : 0);
    return inStateMs / totalMs;
  }
}

/** Kafka reports states in lower case. */
export function statusLabel(state: LifecycleState): string {
  return state.toLowerCase();
}
