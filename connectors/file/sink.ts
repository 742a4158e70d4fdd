/**
 * FileStreamSink: appends each record's value, as text, as one line of a file (or standard output). flush
 * syncs the file, so offsets are committed only for lines that reached the disk.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RawConfig, SinkConnector, SinkTask } from '../../src/api/connector.js';
import { ConnectError } from '../../src/api/errors.js';
import type { SinkRecord } from '../../src/api/record.js';
import { fileSinkConfig } from './spec.js';
import { valueAsText } from './text.js';

export class FileStreamSinkConnector implements SinkConnector {
  private config: RawConfig = {};

  start(config: RawConfig): void {
    fileSinkConfig.parse(config);
    this.config = config;
  }

  taskConfigs(maxTasks: number): RawConfig[] {
    const { file } = fileSinkConfig.parse(this.config);
    const task: RawConfig = file === null ? {} : { file };
    return Array.from({ length: maxTasks }, () => task);
  }

  stop(): void {}

  /** The sink writes whatever it is given; committed offsets are all there is to alter. */
  alterOffsets(): boolean {
    return true;
  }
}

export class FileStreamSinkTask implements SinkTask {
  private handle: FileHandle | undefined;
  private toStdout = false;

  async start(config: RawConfig): Promise<void> {
    const { file } = fileSinkConfig.parse(config);
    if (file === null) {
      this.toStdout = true;
      return;
    }
    try {
      this.handle = await open(file, 'a');
    } catch (cause) {
      throw new ConnectError(`Couldn't find or create file '${file}' for FileStreamSinkTask`, { cause });
    }
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const text = records.map((r) => `${valueAsText(r.value)}\n`).join('');
    if (this.toStdout) process.stdout.write(text);
    else await this.handle?.write(text);
  }

  async flush(): Promise<void> {
    await this.handle?.sync();
  }

  async stop(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
