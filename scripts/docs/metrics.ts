/** Metric tables from the metrics catalog (`GET /metrics`). */
import { KAFKA_CONNECT_METRICS, PROCESS_METRICS } from '../../src/observability/metrics/index.js';
import { code, table } from './markdown.js';

export function kafkaConnectMetricsMarkdown(): string {
  const groups = [...new Set(KAFKA_CONNECT_METRICS.map((m) => m.kafkaGroup))];
  return groups
    .map((group) => {
      const rows = KAFKA_CONNECT_METRICS.filter((m) => m.kafkaGroup === group).map((m) => [code(m.name), m.type, code(m.kafkaName), m.help]);
      return `### ${group}\n\n${table(['Prometheus name', 'Type', 'Kafka attribute', 'Description'], rows)}`;
    })
    .join('\n\n');
}

export function processMetricsMarkdown(): string {
  return table(
    ['Prometheus name', 'Type', 'Description'],
    Object.values(PROCESS_METRICS).map((m) => [code(m.name), m.type, m.help]),
  );
}
