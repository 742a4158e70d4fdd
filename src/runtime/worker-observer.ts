/**
 * What the worker reports as it runs (metrics and topic tracking hang off this). Every hook is optional; the
 * per-task observers are created once per task so hot-path calls are plain method calls.
 */
import type { ToleranceMetrics } from './errors/retry-with-tolerance.js';
import type { SinkTaskObserver } from './sink-task-runner.js';
import type { SourceTaskObserver } from './source-task-runner.js';

export interface WorkerObserver {
  connectorStarted?(connector: string, success: boolean): void;
  taskStarted?(connector: string, task: number, success: boolean): void;
  sourceTask?(connector: string, task: number): SourceTaskObserver;
  sinkTask?(connector: string, task: number): SinkTaskObserver;
  tolerance?(connector: string, task: number): ToleranceMetrics;
  deadLetterQueue?(connector: string, task: number): (produced: boolean) => void;
}
