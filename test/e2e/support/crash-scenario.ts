/**
 * The crash scenario: FileStreamSource → topic → FileStreamSink (SMTs, dead letter queue) in a
 * `tidewater standalone` child process, SIGKILLed while lines are still being appended and consumed, then
 * restarted on the same files, offsets and topic store, run to completion and stopped with SIGTERM. It
 * records what the crash left behind and what the pipeline finally produced; the test judges it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { ConsumedRecord, PartitionOffset } from '../../../src/kafka/port.js';
import { within } from '../../support/timeout.js';
import { ChildWorker, freePort, pollWithin } from './child-worker.js';
import { pipelineFiles, writeConnectorFiles, writeWorkerProperties, type PipelineFiles } from './pipeline-config.js';
import { InputWriter, inputLines, type InputLine } from './pipeline-lines.js';
import { groupOffsets, openStore, readWholeTopic, type StoreKind } from './topic-reader.js';

export const TOTAL_LINES = 20_000;
/** Lines in the file before the first worker starts. */
const PREFILLED_LINES = 2_000;
/** Lines appended at a steady pace (at most) before the burst, so the restarted worker has lines still to come. */
const STEADY_LINES_CAP = 6_000;
/** Lines the sink must have written before the burst, so the crash hits a pipeline that is flowing. */
const OUTPUT_LINES_BEFORE_BURST = 1_500;
/** Lines appended at once just before the kill. */
const BURST_LINES = 4_000;
const CHUNK_LINES = 250;
const CHUNK_PAUSE_MS = 20;
export const PIPELINE_TOPIC_PARTITIONS = 2;

export interface TopicContents {
  /** Records per partition, in offset order. */
  readonly partitions: ReadonlyMap<number, readonly ConsumedRecord[]>;
}

/** What the SIGKILL left on disk and in the topic store, read before the restart. */
export interface CrashState {
  readonly linesWritten: number;
  /** `{position}` in the offsets file: bytes of input the source committed. Undefined if never committed. */
  readonly committedSourcePosition: number | undefined;
  readonly topic: TopicContents;
  readonly dlq: TopicContents;
  readonly sinkGroupOffsets: readonly PartitionOffset[];
  readonly outputLines: readonly string[];
}

export interface FinalState {
  readonly topic: TopicContents;
  readonly dlq: TopicContents;
  readonly sinkGroupOffsets: readonly PartitionOffset[];
  readonly outputLines: readonly string[];
  readonly stopExitCode: number | null;
  /** ERROR (and worse) log lines the restarted worker wrote after it was asked to stop. */
  readonly errorsLoggedWhileStopping: readonly string[];
}

export interface ScenarioResult {
  readonly files: PipelineFiles;
  readonly lines: readonly InputLine[];
  readonly crash: CrashState;
  readonly final: FinalState;
  readonly durationsMs: Readonly<Record<string, number>>;
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function committedPosition(offsetsFile: string, sourceName: string): number | undefined {
  if (!existsSync(offsetsFile)) return undefined;
  const entries = JSON.parse(readFileSync(offsetsFile, 'utf8')) as Array<{ connector: string; offset: { position?: unknown } }>;
  const position = entries.find((e) => e.connector === sourceName)?.offset.position;
  return typeof position === 'number' ? position : undefined;
}

async function snapshot(files: PipelineFiles, readOnly: boolean): Promise<{ topic: TopicContents; dlq: TopicContents; sinkGroupOffsets: PartitionOffset[] }> {
  const store = await openStore(files.store, readOnly);
  try {
    const topics = await store.admin().listTopics();
    const read = async (name: string): Promise<TopicContents> => ({
      partitions: topics.includes(name) ? await readWholeTopic(store, name, 60_000) : new Map(),
    });
    return { topic: await read(files.topic), dlq: await read(files.dlqTopic), sinkGroupOffsets: await groupOffsets(store, `connect-${files.sinkName}`) };
  } finally {
    await store.close();
  }
}

async function startWorker(files: PipelineFiles): Promise<ChildWorker> {
  const restPort = await freePort();
  writeWorkerProperties(files, restPort);
  const worker = ChildWorker.start({
    workerPropertiesFile: files.workerPropertiesFile,
    connectorFiles: [files.sourceConnectorFile, files.sinkConnectorFile],
    logFile: files.logFile,
    restPort,
  });
  try {
    await worker.untilRunning([files.sourceName, files.sinkName], 90_000);
  } catch (err) {
    await worker.ensureGone();
    throw err;
  }
  return worker;
}

/**
 * Creates the pipeline topic with two partitions before any worker runs, so per-partition order is part of
 * the picture. (Left to the worker, the sink's subscription auto-creates it with one partition before the
 * source's topic.creation.* gets to it.)
 */
async function createPipelineTopic(files: PipelineFiles): Promise<void> {
  const store = await openStore(files.store, false);
  try {
    await store.admin().createTopics([{ name: files.topic, partitions: PIPELINE_TOPIC_PARTITIONS, replicationFactor: 1 }]);
  } finally {
    await store.close();
  }
}

/** Polls `done`; fails early, with the worker's log, if the worker exits or a task of `connectors` fails. */
async function until(worker: ChildWorker, connectors: readonly string[], done: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  await pollWithin(
    async () => {
      if (await done()) return true;
      if (!worker.running) throw new Error(`the worker exited while waiting for ${what}:\n${worker.logTail()}`);
      for (const name of connectors) {
        const failed = (await worker.status(name))?.tasks?.find((t) => t.state === 'FAILED');
        if (failed) throw new Error(`${name} task ${failed.id} failed while waiting for ${what}: ${failed.trace ?? ''}`);
      }
      return false;
    },
    timeoutMs,
    what,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\n${worker.logTail()}`, { cause: err });
  });
}

/** True when the sink's committed offsets (REST) reach the end of every partition of the topic. */
async function sinkCaughtUp(worker: ChildWorker, files: PipelineFiles): Promise<boolean> {
  const committed = await worker.offsets(files.sinkName);
  const store = await openStore(files.store, true);
  try {
    const [description] = await store.admin().describeTopics([files.topic]);
    if (!description) return false;
    const ends = await store.admin().endOffsets(Array.from({ length: description.partitions }, (_, partition) => ({ topic: files.topic, partition })));
    return ends.every((end) => end.offset === 0 || committed.some((c) => c.partition.kafka_partition === end.partition && c.offset.kafka_offset === end.offset));
  } finally {
    await store.close();
  }
}

export async function runCrashScenario(kind: StoreKind, bootstrapServers: string | undefined): Promise<ScenarioResult> {
  const files = pipelineFiles(kind, bootstrapServers);
  const lines = inputLines(TOTAL_LINES);
  const writer = new InputWriter(files.inputFile, lines);
  const durationsMs: Record<string, number> = {};
  const started = performance.now();
  const lap = (name: string) => (durationsMs[name] = Math.round(performance.now() - started));
  writeConnectorFiles(files);
  await createPipelineTopic(files);
  await writer.appendUntil(PREFILLED_LINES, CHUNK_LINES, 0);

  const first = await startWorker(files);
  let second: ChildWorker | undefined;
  try {
    lap('firstWorkerRunning');
    // Keep appending until the pipeline is flowing end to end and both connectors have committed offsets.
    const flowing = async () =>
      readLines(files.outputFile).length >= OUTPUT_LINES_BEFORE_BURST &&
      (await first.offsets(files.sourceName)).length > 0 &&
      (await first.offsets(files.sinkName)).length > 0;
    await until(first, [files.sourceName, files.sinkName], async () => {
      if (writer.written < STEADY_LINES_CAP) await writer.appendChunk(CHUNK_LINES);
      return flowing();
    }, 90_000, 'the pipeline to flow and commit offsets');
    lap('flowing');
    // The crash: a burst of lines lands, and once the sink has written a quarter of it — the source still
    // reading or with sends in flight, the sink mid-backlog, offsets of both behind — the worker is killed.
    const outputBeforeBurst = readLines(files.outputFile).length;
    await writer.appendChunk(BURST_LINES);
    await pollWithin(
      () => {
        if (!first.running) throw new Error(`the worker exited during the burst:\n${first.logTail()}`);
        return readLines(files.outputFile).length >= outputBeforeBurst + BURST_LINES / 4;
      },
      60_000,
      'the sink to start on the burst',
      5,
    );
    await first.crash();
    lap('killed');

    const linesWritten = writer.written;
    const outputAtCrash = readLines(files.outputFile);
    const committedSourcePosition = committedPosition(files.offsetsFile, files.sourceName);
    const atCrash = await snapshot(files, true);
    lap('crashStateRead');

    // The application keeps appending while the worker is down and while it restarts.
    const writing = writer.appendUntil(TOTAL_LINES, CHUNK_LINES, CHUNK_PAUSE_MS);
    second = await startWorker(files);
    lap('secondWorkerRunning');
    await within(writing, 60_000, 'the input writer to finish');
    const restarted = second;
    // Quiescence: the source committed the whole input (so every line was acknowledged by the topic store),
    // then the sink committed the end of every partition (so everything was flushed to the output or the DLQ).
    const inputBytes = lines.reduce((sum, l) => sum + Buffer.byteLength(`${l.text}\n`, 'utf8'), 0);
    await until(
      restarted,
      [files.sourceName, files.sinkName],
      async () => (await sourcePosition(restarted, files)) === inputBytes && (await sinkCaughtUp(restarted, files)),
      120_000,
      `the source to commit all ${inputBytes} input bytes and the sink the end of the topic`,
    );
    lap('quiescent');
    const stopExitCode = await restarted.stop(30_000);
    lap('stopped');

    const final = await snapshot(files, false);
    lap('finalStateRead');
    return {
      files,
      lines,
      crash: { linesWritten, committedSourcePosition, outputLines: outputAtCrash, ...atCrash },
      final: { ...final, outputLines: readLines(files.outputFile), stopExitCode, errorsLoggedWhileStopping: errorsAfterStopRequest(files.logFile, restarted.pid) },
      durationsMs,
    };
  } finally {
    await first.ensureGone();
    await second?.ensureGone();
  }
}

/** `msg: err.message` of every pino line of level ERROR or above that process `pid` logged after its stop began. */
function errorsAfterStopRequest(logFile: string, pid: number | undefined): string[] {
  const errors: string[] = [];
  let stopping = false;
  for (const line of readLines(logFile)) {
    let entry: { pid?: number; level?: number; msg?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.pid !== pid) continue;
    if (entry.msg === 'Kafka Connect-compatible worker stopping') stopping = true;
    else if (stopping && (entry.level ?? 0) >= 50) errors.push(`${entry.msg ?? ''}: ${entry.err?.message ?? ''}`);
  }
  return errors;
}

/** The source's committed `{position}` from the REST API. */
async function sourcePosition(worker: ChildWorker, files: PipelineFiles): Promise<number | undefined> {
  const position = (await worker.offsets(files.sourceName)).find((o) => o.partition.filename === files.inputFile)?.offset.position;
  return typeof position === 'number' ? position : undefined;
}

/** Removes a run's directory (kept when TIDEWATER_KEEP_E2E is set, for looking at a failure). */
export function removeRunFiles(files: PipelineFiles): void {
  if (!process.env.TIDEWATER_KEEP_E2E) rmSync(files.dir, { recursive: true, force: true });
}
