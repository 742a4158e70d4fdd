/**
 * Node process metrics under the names Prometheus' client libraries use (prom-client's defaults for the
 * `nodejs_` ones), so stock "Node.js process" dashboards work. Read at scrape time from a source that tests
 * replace with fixed numbers.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Collector, MetricDefinition } from './registry.js';

export interface ProcessStats {
  readonly cpuUserSeconds: number;
  readonly cpuSystemSeconds: number;
  readonly residentMemoryBytes: number;
  readonly heapTotalBytes: number;
  readonly heapUsedBytes: number;
  readonly startTimeSeconds: number;
  /** Event loop delay since the previous read (beyond the sampling interval): mean, maximum and 99th percentile. */
  readonly eventLoopLagSeconds: number;
  readonly eventLoopLagMaxSeconds: number;
  readonly eventLoopLagP99Seconds: number;
}

export interface ProcessStatsSource {
  read(): ProcessStats;
  /** Stops any sampling the source started. */
  close(): void;
}

export const PROCESS_METRICS = {
  cpuUser: { name: 'process_cpu_user_seconds_total', type: 'counter', help: 'User CPU time spent, in seconds.' },
  cpuSystem: { name: 'process_cpu_system_seconds_total', type: 'counter', help: 'System CPU time spent, in seconds.' },
  cpuTotal: { name: 'process_cpu_seconds_total', type: 'counter', help: 'User and system CPU time spent, in seconds.' },
  residentMemory: { name: 'process_resident_memory_bytes', type: 'gauge', help: 'Resident memory size, in bytes.' },
  startTime: { name: 'process_start_time_seconds', type: 'gauge', help: 'Start time of the process since the Unix epoch, in seconds.' },
  heapTotal: { name: 'nodejs_heap_size_total_bytes', type: 'gauge', help: 'V8 heap size, in bytes.' },
  heapUsed: { name: 'nodejs_heap_size_used_bytes', type: 'gauge', help: 'V8 heap in use, in bytes.' },
  eventLoopLag: { name: 'nodejs_eventloop_lag_seconds', type: 'gauge', help: 'Mean event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.' },
  eventLoopLagMax: { name: 'nodejs_eventloop_lag_max_seconds', type: 'gauge', help: 'Largest event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.' },
  eventLoopLagP99: { name: 'nodejs_eventloop_lag_p99_seconds', type: 'gauge', help: '99th percentile of the event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.' },
} as const satisfies Record<string, MetricDefinition>;

export function processMetricsCollector(source: ProcessStatsSource): Collector {
  return (_nowMs, emit) => {
    const stats = source.read();
    emit(PROCESS_METRICS.cpuUser, {}, stats.cpuUserSeconds);
    emit(PROCESS_METRICS.cpuSystem, {}, stats.cpuSystemSeconds);
    emit(PROCESS_METRICS.cpuTotal, {}, stats.cpuUserSeconds + stats.cpuSystemSeconds);
    emit(PROCESS_METRICS.residentMemory, {}, stats.residentMemoryBytes);
    emit(PROCESS_METRICS.startTime, {}, stats.startTimeSeconds);
    emit(PROCESS_METRICS.heapTotal, {}, stats.heapTotalBytes);
    emit(PROCESS_METRICS.heapUsed, {}, stats.heapUsedBytes);
    emit(PROCESS_METRICS.eventLoopLag, {}, stats.eventLoopLagSeconds);
    emit(PROCESS_METRICS.eventLoopLagMax, {}, stats.eventLoopLagMaxSeconds);
    emit(PROCESS_METRICS.eventLoopLagP99, {}, stats.eventLoopLagP99Seconds);
  };
}

const MICROSECONDS_PER_SECOND = 1e6;
const DELAY_RESOLUTION_MS = 10;

/** A delay sample covers the monitor's whole timer interval; only what exceeds the interval is lag. */
function lagSeconds(sampledNanoseconds: number): number {
  return Math.max(0, (sampledNanoseconds / 1e6 - DELAY_RESOLUTION_MS) / 1000);
}

/** The running process: `process.cpuUsage()`, `process.memoryUsage()` and a 10 ms event loop delay monitor. */
export function nodeProcessStats(): ProcessStatsSource {
  const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  delay.enable();
  const startTimeSeconds = Math.round(Date.now() / 1000 - process.uptime());
  return {
    read(): ProcessStats {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      const sampled = delay.count > 0;
      const stats: ProcessStats = {
        cpuUserSeconds: cpu.user / MICROSECONDS_PER_SECOND,
        cpuSystemSeconds: cpu.system / MICROSECONDS_PER_SECOND,
        residentMemoryBytes: memory.rss,
        heapTotalBytes: memory.heapTotal,
        heapUsedBytes: memory.heapUsed,
        startTimeSeconds,
        eventLoopLagSeconds: sampled ? lagSeconds(delay.mean) : 0,
        eventLoopLagMaxSeconds: sampled ? lagSeconds(delay.max) : 0,
        eventLoopLagP99Seconds: sampled ? lagSeconds(delay.percentile(99)) : 0,
      };
      delay.reset();
      return stats;
    },
    close(): void {
      delay.disable();
    },
  };
}
