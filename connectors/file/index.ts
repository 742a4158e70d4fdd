/** The file connectors, under Kafka's class names (also reachable as FileStreamSource / FileStreamSink). */
import type { SinkConnectorPlugin, SourceConnectorPlugin } from '../../src/api/plugin.js';
import { FileStreamSinkConnector, FileStreamSinkTask } from './sink.js';
import { FileStreamSourceConnector, FileStreamSourceTask } from './source.js';
import { FILE_CONNECTOR_VERSION, fileSinkConfig, fileSourceConfig } from './spec.js';

export const fileStreamSource: SourceConnectorPlugin = {
  kind: 'source',
  className: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
  version: FILE_CONNECTOR_VERSION,
  doc: 'Reads lines of a file (or standard input) as STRING records.',
  config: fileSourceConfig,
  create: () => new FileStreamSourceConnector(),
  createTask: () => new FileStreamSourceTask(),
};

export const fileStreamSink: SinkConnectorPlugin = {
  kind: 'sink',
  className: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  version: FILE_CONNECTOR_VERSION,
  doc: 'Appends each record value as a line of a file (or standard output).',
  config: fileSinkConfig,
  create: () => new FileStreamSinkConnector(),
  createTask: () => new FileStreamSinkTask(),
};
