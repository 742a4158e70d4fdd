/** Kafka Connect metrics in the Prometheus text format. Start at `ConnectMetrics`. */
export { ConnectMetrics, type ConnectMetricsOptions } from './connect-metrics.js';
export { KAFKA_CONNECT_METRICS, type KafkaMetricDefinition } from './catalog.js';
export type { LifecycleState } from './lifecycle.js';
export { nodeProcessStats, PROCESS_METRICS, type ProcessStats, type ProcessStatsSource } from './process-metrics.js';
export { PROMETHEUS_CONTENT_TYPE } from './registry.js';
export { KAFKA_DEFAULT_SAMPLE_WINDOW, type SampleWindowConfig } from './sampled-stat.js';
export { SinkTaskMetrics, SourceTaskMetrics, TaskErrorMetrics, TaskMetrics } from './task-metrics.js';
export { ConnectorMetrics, WorkerMetrics, type ConnectorDescription } from './worker-metrics.js';
