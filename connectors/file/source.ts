/**
 * FileStreamSource: each line of a file (or of standard input) becomes a record with a STRING value. The
 * source partition is `{filename}` and the offset `{position}` (bytes consumed), so after a restart the task
 * resumes after the last committed line. At the end of the file it waits for more lines (tails the file).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RawConfig, SourceConnector, SourceTask, SourceTaskContext } from '../../src/api/connector.js';
import { Schemas } from '../../src/api/data/schema.js';
import { ConfigError, ConnectError } from '../../src/api/errors.js';
import { sourceRecord, type SourceRecord } from '../../src/api/record.js';
import { sleep } from '../../src/api/sleep.js';
import { fileSourceConfig } from './spec.js';

const WAIT_FOR_DATA_MS = 1000;
const READ_CHUNK = 64 * 1024;

export class FileStreamSourceConnector implements SourceConnector {
  private config: RawConfig = {};

  start(config: RawConfig): void {
    fileSourceConfig.parse(config);
    this.config = config;
  }

  taskConfigs(): RawConfig[] {
    const { file, topic, 'batch.size': batchSize } = fileSourceConfig.parse(this.config);
    return [{ ...(file === null ? {} : { file }), topic, 'batch.size': String(batchSize) }];
  }

  stop(): void {}

  /** Offsets must be `{filename}` → `{position}` with a non-negative integer position (as Kafka checks). */
  alterOffsets(_config: RawConfig, offsets: ReadonlyMap<string, Readonly<Record<string, unknown>> | null>): boolean {
    for (const [partitionJson, offset] of offsets) {
      const partition = JSON.parse(partitionJson) as Record<string, unknown>;
      if (!('filename' in partition)) throw new ConnectError(`Partition objects should contain the key 'filename'`);
      if (offset === null) continue;
      const position = offset.position;
      if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) {
        throw new ConnectError(`The value for the 'position' key in the offset is expected to be a non-negative integer: ${String(position)}`);
      }
    }
    return true;
  }
}

export class FileStreamSourceTask implements SourceTask {
  private filename: string | null = null;
  private topic = '';
  private batchSize = 2000;
  private handle: FileHandle | undefined;
  private stdin: AsyncIterator<Buffer> | undefined;
  private position = 0;
  private pending = Buffer.alloc(0);
  private context!: SourceTaskContext;

  async start(config: RawConfig, context: SourceTaskContext): Promise<void> {
    this.context = context;
    const parsed = fileSourceConfig.parse(config);
    this.filename = parsed.file;
    this.topic = parsed.topic;
    this.batchSize = parsed['batch.size'];
    if (this.filename === null) {
      this.stdin = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      return;
    }
    const offset = await context.offsetStorageReader.offset({ filename: this.filename });
    if (offset) {
      const position = offset.position;
      if (typeof position !== 'number') throw new ConfigError(`Offset position is the incorrect type: ${typeof position}`);
      this.position = position;
      context.logger.debug({ file: this.filename, position }, 'Found previous offset, trying to skip to file offset');
    }
  }

  async poll(): Promise<SourceRecord[] | null> {
    const records = this.drainLines();
    if (records.length) return records;
    const got = this.filename === null ? await this.readStdin() : await this.readFile();
    if (got === 0) {
      await sleep(WAIT_FOR_DATA_MS, this.context.signal);
      return null;
    }
    return this.drainLines();
  }

  /** Reads the next chunk of the file after everything buffered; 0 at the end (or while it does not exist). */
  private async readFile(): Promise<number> {
    if (!this.handle) {
      try {
        this.handle = await open(this.filename as string, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        this.context.logger.warn({ file: this.filename }, "Couldn't find file for FileStreamSourceTask, sleeping to wait for it to be created");
        return 0;
      }
    }
    const buffer = Buffer.alloc(READ_CHUNK);
    const { bytesRead } = await this.handle.read(buffer, 0, READ_CHUNK, this.position + this.pending.length);
    if (bytesRead > 0) this.pending = Buffer.concat([this.pending, buffer.subarray(0, bytesRead)]);
    return bytesRead;
  }

  private async readStdin(): Promise<number> {
    const stdin = this.stdin as AsyncIterator<Buffer>;
    const next = await Promise.race([stdin.next(), sleep(WAIT_FOR_DATA_MS, this.context.signal).then(() => null)]);
    if (!next || next.done) return 0;
    this.pending = Buffer.concat([this.pending, next.value]);
    return next.value.length;
  }

  /** Whole lines from the buffer (up to batch.size); a trailing partial line waits for its newline. */
  private drainLines(): SourceRecord[] {
    const records: SourceRecord[] = [];
    while (records.length < this.batchSize) {
      const newline = this.pending.indexOf(0x0a);
      if (newline < 0) break;
      const end = newline > 0 && this.pending[newline - 1] === 0x0d ? newline - 1 : newline;
      const line = this.pending.subarray(0, end).toString('utf8');
      this.position += newline + 1;
      this.pending = this.pending.subarray(newline + 1);
      records.push(
        sourceRecord({
          topic: this.topic,
          valueSchema: Schemas.STRING,
          value: line,
          timestamp: Date.now(),
          sourcePartition: this.filename === null ? null : { filename: this.filename },
          sourceOffset: this.filename === null ? null : { position: this.position },
        }),
      );
    }
    return records;
  }

  async stop(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

