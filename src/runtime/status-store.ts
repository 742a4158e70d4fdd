/**
 * The last reported state of every connector and task, with the trace of a failure (Kafka's
 * StatusBackingStore; in memory in standalone mode). Traces are scrubbed of secrets before they are stored.
 */
import type { ConnectorState, ConnectorStateInfo, ConnectorType, StateInfo, TaskStateInfo } from './herder.js';

interface Entry {
  state: ConnectorState;
  trace?: string;
  /** Tidewater extension: progress of long work (a snapshot), shown in the task's status entry. */
  progress?: Readonly<Record<string, unknown>>;
}

/** A Java-like trace of an error and its causes ("Caused by: …"), as Kafka Connect shows in status. */
export function traceOf(error: Error): string {
  const lines: string[] = [];
  let current: unknown = error;
  let first = true;
  const seen = new Set<unknown>();
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const stack = current.stack ?? `${current.name}: ${current.message}`;
    lines.push(first ? stack : `Caused by: ${stack}`);
    first = false;
    current = current.cause;
  }
  return lines.join('\n');
}

/** Told about every status change (metrics follow states this way). */
export interface StatusListener {
  connector(name: string, state: ConnectorState | 'DESTROYED'): void;
  task(name: string, task: number, state: ConnectorState | 'DESTROYED'): void;
}

export class StatusStore {
  private readonly connectors = new Map<string, Entry>();
  private readonly tasks = new Map<string, Map<number, Entry>>();
  private scrub: (connector: string, text: string) => string = (_c, t) => t;
  private readonly listeners: StatusListener[] = [];

  constructor(private id: string) {}

  /** `host:port` of this worker's REST API, as statuses report it. */
  get workerId(): string {
    return this.id;
  }

  /** Sets the worker id once the REST listener's real port is known (a listener on port 0). */
  useWorkerId(id: string): void {
    this.id = id;
  }

  /** How traces are cleaned of secrets before they are stored. */
  useScrubber(scrub: (connector: string, text: string) => string): void {
    this.scrub = scrub;
  }

  addListener(listener: StatusListener): void {
    this.listeners.push(listener);
  }

  putConnector(name: string, state: ConnectorState, error?: Error): void {
    this.connectors.set(name, { state, ...(error ? { trace: this.scrub(name, traceOf(error)) } : {}) });
    for (const l of this.listeners) l.connector(name, state);
  }

  putTask(name: string, task: number, state: ConnectorState, error?: Error): void {
    let tasks = this.tasks.get(name);
    if (!tasks) {
      tasks = new Map();
      this.tasks.set(name, tasks);
    }
    const progress = tasks.get(task)?.progress;
    tasks.set(task, { state, ...(error ? { trace: this.scrub(name, traceOf(error)) } : {}), ...(progress && state !== 'UNASSIGNED' ? { progress } : {}) });
    for (const l of this.listeners) l.task(name, task, state);
  }

  /** Sets (or with null clears) a task's progress without changing its state. */
  putTaskProgress(name: string, task: number, progress: Readonly<Record<string, unknown>> | null): void {
    const entry = this.tasks.get(name)?.get(task);
    if (!entry) return;
    if (progress) entry.progress = progress;
    else delete entry.progress;
  }

  removeTask(name: string, task: number): void {
    if (this.tasks.get(name)?.delete(task)) for (const l of this.listeners) l.task(name, task, 'DESTROYED');
  }

  removeTasks(name: string): void {
    for (const task of [...(this.tasks.get(name)?.keys() ?? [])]) this.removeTask(name, task);
    this.tasks.delete(name);
  }

  remove(name: string): void {
    this.removeTasks(name);
    if (this.connectors.delete(name)) for (const l of this.listeners) l.connector(name, 'DESTROYED');
  }

  connector(name: string): StateInfo | undefined {
    const entry = this.connectors.get(name);
    return entry ? this.info(entry) : undefined;
  }

  task(name: string, task: number): TaskStateInfo | undefined {
    const entry = this.tasks.get(name)?.get(task);
    return entry ? { id: task, ...this.info(entry) } : undefined;
  }

  taskStates(name: string): TaskStateInfo[] {
    return [...(this.tasks.get(name) ?? new Map<number, Entry>()).entries()]
      .sort(([a], [b]) => a - b)
      .map(([id, entry]) => ({ id, ...this.info(entry) }));
  }

  status(name: string, type: ConnectorType): ConnectorStateInfo | undefined {
    const connector = this.connector(name);
    if (!connector) return undefined;
    return { name, connector, tasks: this.taskStates(name), type };
  }

  private info(entry: Entry): StateInfo {
    return {
      state: entry.state,
      worker_id: this.id,
      ...(entry.trace === undefined ? {} : { trace: entry.trace }),
      ...(entry.progress === undefined ? {} : { progress: entry.progress }),
    };
  }
}
