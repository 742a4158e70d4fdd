/**
 * The files of one file-pipeline run: worker properties, the FileStreamSource and FileStreamSink connector
 * configs, and where the input, output, source offsets and embedded topic log live.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { propertiesText, writeConnectorFile } from './child-worker.js';
import type { StoreKind, StoreLocation } from './topic-reader.js';

export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
export const INSERT_FIELD_VALUE = 'org.apache.kafka.connect.transforms.InsertField$Value';
const TRANSFORMS = 'org.apache.kafka.connect.transforms';

export interface PipelineFiles {
  readonly dir: string;
  readonly topic: string;
  readonly dlqTopic: string;
  readonly sourceName: string;
  readonly sinkName: string;
  readonly inputFile: string;
  readonly outputFile: string;
  readonly offsetsFile: string;
  readonly workerPropertiesFile: string;
  readonly sourceConnectorFile: string;
  readonly sinkConnectorFile: string;
  readonly logFile: string;
  readonly store: StoreLocation;
}

let runs = 0;

/** Fresh names and a fresh directory for one run against `kind`. */
export function pipelineFiles(kind: StoreKind, bootstrapServers: string | undefined): PipelineFiles {
  runs += 1;
  const unique = `${kind}-${process.pid}-${Date.now().toString(36)}-${runs}`;
  const dir = mkdtempSync(join(tmpdir(), `tidewater-e2e-file-pipeline-${kind}-`));
  const topic = `e2e-file-pipeline-${unique}`;
  return {
    dir,
    topic,
    dlqTopic: `${topic}-dlq`,
    sourceName: `e2e-file-source-${unique}`,
    sinkName: `e2e-file-sink-${unique}`,
    inputFile: join(dir, 'input.txt'),
    outputFile: join(dir, 'output.txt'),
    offsetsFile: join(dir, 'connect.offsets'),
    workerPropertiesFile: join(dir, 'worker.properties'),
    sourceConnectorFile: join(dir, 'file-source.json'),
    sinkConnectorFile: join(dir, 'file-sink.json'),
    logFile: join(dir, 'worker.log'),
    store: { kind, ...(bootstrapServers === undefined ? {} : { bootstrapServers }), embeddedDir: join(dir, 'topics') },
  };
}

/** (Re)writes worker.properties; only the REST port changes between the first and the restarted worker. */
export function writeWorkerProperties(files: PipelineFiles, restPort: number): void {
  const properties: Record<string, string> = {
    ...(files.store.kind === 'kafka' ? { 'bootstrap.servers': files.store.bootstrapServers ?? '' } : {}),
    'tidewater.embedded.log.dir': files.store.embeddedDir,
    'key.converter': STRING_CONVERTER,
    'value.converter': STRING_CONVERTER,
    'offset.storage.file.filename': files.offsetsFile,
    'offset.flush.interval.ms': '500',
    listeners: `http://127.0.0.1:${restPort}`,
    // The killed worker's sink stays a group member until its session times out; keep that short.
    'consumer.session.timeout.ms': '6000',
    'consumer.heartbeat.interval.ms': '1000',
  };
  writeFileSync(files.workerPropertiesFile, propertiesText(properties));
}

/** Writes both connector files (the worker starts the source first, then the sink). */
export function writeConnectorFiles(files: PipelineFiles): void {
  writeConnectorFile(files.sourceConnectorFile, files.sourceName, {
    'connector.class': 'FileStreamSource',
    'tasks.max': '1',
    file: files.inputFile,
    topic: files.topic,
    'batch.size': '500',
  });
  writeConnectorFile(files.sinkConnectorFile, files.sinkName, {
    'connector.class': 'FileStreamSink',
    'tasks.max': '1',
    file: files.outputFile,
    topics: files.topic,
    // The source wrote raw lines; the sink reads them as schemaless JSON, so lines that are not JSON fail here.
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': 'false',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': files.dlqTopic,
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
    predicates: 'isPipelineTopic',
    'predicates.isPipelineTopic.type': `${TRANSFORMS}.predicates.TopicNameMatches`,
    'predicates.isPipelineTopic.pattern': files.topic,
    transforms: 'addVia,dropSecret,neverRuns,hoist',
    'transforms.addVia.type': INSERT_FIELD_VALUE,
    'transforms.addVia.static.field': 'via',
    'transforms.addVia.static.value': 'tidewater',
    'transforms.addVia.predicate': 'isPipelineTopic',
    'transforms.dropSecret.type': `${TRANSFORMS}.ReplaceField$Value`,
    'transforms.dropSecret.exclude': 'secret',
    'transforms.dropSecret.renames': 'text:body',
    // Would drop every record if the negated predicate were ignored.
    'transforms.neverRuns.type': `${TRANSFORMS}.Filter`,
    'transforms.neverRuns.predicate': 'isPipelineTopic',
    'transforms.neverRuns.negate': 'true',
    'transforms.hoist.type': `${TRANSFORMS}.HoistField$Value`,
    'transforms.hoist.field': 'line',
  });
}
