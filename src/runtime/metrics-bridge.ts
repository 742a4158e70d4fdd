/**
 * Connects the runtime to the Prometheus metrics: status changes drive connector/task status and the
 * worker's counts; the runners' observers feed the task metrics; topic use feeds topic tracking.
 */
import type { ConnectMetrics } from '../observability/metrics/index.js';
import type { PluginRegistry } from './plugins.js';
import type { StatusStore } from './status-store.js';
import type { WorkerObserver } from './worker-observer.js';

export function bridgeMetrics(options: {
  metrics: ConnectMetrics;
  status: StatusStore;
  plugins: PluginRegistry;
  connectorClass: (name: string) => string | undefined;
  onTopicUsed: (connector: string, topic: string) => void;
}): WorkerObserver {
  const { metrics, status } = options;
  status.addListener({
    connector(name, state) {
      if (state === 'DESTROYED') return metrics.removeConnector(name);
      const className = options.connectorClass(name) ?? 'unknown';
      const plugin = options.plugins.find(className);
      metrics.connector(name, { connectorClass: className, type: plugin?.kind === 'sink' ? 'sink' : plugin?.kind === 'source' ? 'source' : 'unknown', ...(plugin ? { version: plugin.version } : {}) }).setStatus(state);
    },
    task(name, task, state) {
      if (state === 'DESTROYED') return metrics.removeTask(name, task);
      // A task's handle is created with its kind when its runner starts; UNASSIGNED comes before that.
      if (state !== 'UNASSIGNED') metrics.task(name, task).setStatus(state);
    },
  });
  return {
    sourceTask(connector, task) {
      // A new task instance starts from fresh metrics, as in Kafka (and replaces a handle of a failed start).
      metrics.removeTask(connector, task);
      const m = metrics.sourceTask(connector, task);
      return {
        polled: (count, ms) => {
          m.recordPoll(count, ms);
          m.recordBatchSize(count);
        },
        written: (count) => m.recordWrite(count),
        committed: (ok, ms) => m.recordCommit(ok, ms),
        topicUsed: (topic) => options.onTopicUsed(connector, topic),
      };
    },
    sinkTask(connector, task) {
      metrics.removeTask(connector, task);
      const m = metrics.sinkTask(connector, task);
      return {
        read: (count) => m.recordRead(count),
        sent: (count, ms) => {
          m.recordSend(count);
          m.recordPut(ms);
          m.recordBatchSize(count);
        },
        committed: (ok, ms) => {
          m.recordCommit(ok, ms);
          if (ok) m.recordOffsetCommitCompletion();
        },
        topicUsed: (topic) => options.onTopicUsed(connector, topic),
      };
    },
    tolerance(connector, task) {
      const errors = metrics.task(connector, task).errors;
      return {
        recordError: () => errors.recordError(),
        recordFailure: () => {
          errors.recordFailure();
          errors.recordErrorTimestamp();
        },
        recordSkipped: () => errors.recordSkipped(),
        recordRetry: () => errors.recordRetry(),
        recordErrorLogged: () => errors.recordErrorLogged(),
      };
    },
    deadLetterQueue(connector, task) {
      const errors = metrics.task(connector, task).errors;
      return (produced) => {
        errors.recordDeadLetterQueueProduceRequest();
        if (!produced) errors.recordDeadLetterQueueProduceFailure();
      };
    },
  };
}
