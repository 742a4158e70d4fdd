export { sleep } from '../api/sleep.js';

/**
 * The state a running task shares with its herder: stop and pause requests, and status reports. Source and
 * sink runners each hold one (composition, not a base class).
 */
export type TaskRunState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'STOPPED';

export interface TaskStatusListener {
  onRunning(): void;
  onPaused(): void;
  onFailed(error: Error): void;
  /** The task has shut down (after a stop request or a failure). */
  onStopped(): void;
  /** Progress of long work (a snapshot), or null when there is none. */
  onProgress?(progress: Readonly<Record<string, unknown>> | null): void;
}

export class TaskLifecycle {
  private readonly stopController = new AbortController();
  private paused = false;
  private resumeWaiters: Array<() => void> = [];
  private failure: Error | undefined;

  constructor(private readonly listener: TaskStatusListener) {}

  /** Aborted when the task must stop: loops end, waits end, pending polls return. */
  get signal(): AbortSignal {
    return this.stopController.signal;
  }

  get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get failedWith(): Error | undefined {
    return this.failure;
  }

  requestStop(): void {
    this.stopController.abort();
    this.wakeWaiters();
  }

  pause(): void {
    if (this.paused || this.stopping) return;
    this.paused = true;
    this.listener.onPaused();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.wakeWaiters();
    if (!this.stopping && !this.failure) this.listener.onRunning();
  }

  /** Resolves when the task is resumed or stopping. */
  waitWhilePaused(): Promise<void> {
    if (!this.paused || this.stopping) return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  running(): void {
    if (this.paused) this.listener.onPaused();
    else this.listener.onRunning();
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.listener.onFailed(error);
  }

  stopped(): void {
    this.listener.onStopped();
  }

  private wakeWaiters(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const wake of waiters) wake();
  }
}


/** Races `promise` against a timeout; resolves false when the timeout won. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
