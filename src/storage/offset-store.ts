/**
 * Where source offsets live between runs (Kafka's OffsetBackingStore). Standalone mode keeps them in the file
 * named by `offset.storage.file.filename`; distributed mode will keep them in a Kafka topic behind the same
 * interface. Keys are `[connectorName, sourcePartition]`, like Kafka's offset keys.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConnectError } from '../api/errors.js';
import type { SourceOffset, SourcePartition } from '../api/record.js';
import { canonicalJson } from './canonical-json.js';

export interface StoredOffset {
  readonly connector: string;
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
}

export interface OffsetStore {
  start(): Promise<void>;
  stop(): Promise<void>;
  get(connector: string, partition: SourcePartition): SourceOffset | null;
  /** Every stored offset of a connector. */
  list(connector: string): StoredOffset[];
  /** Writes offsets (null removes one) and resolves once they are durable. */
  set(connector: string, entries: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>): Promise<void>;
}

const keyOf = (connector: string, partition: SourcePartition) => canonicalJson([connector, partition]);

/** Offsets in memory only (tests, or a worker that must not persist anything). */
export class MemoryOffsetStore implements OffsetStore {
  protected readonly entries = new Map<string, StoredOffset>();

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  get(connector: string, partition: SourcePartition): SourceOffset | null {
    return this.entries.get(keyOf(connector, partition))?.offset ?? null;
  }

  list(connector: string): StoredOffset[] {
    return [...this.entries.values()].filter((e) => e.connector === connector);
  }

  async set(connector: string, entries: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>): Promise<void> {
    for (const { partition, offset } of entries) {
      const key = keyOf(connector, partition);
      if (offset === null) this.entries.delete(key);
      else this.entries.set(key, { connector, partition, offset });
    }
  }
}

/**
 * Offsets in one JSON file, rewritten atomically (temp file, fsync, rename) on every set, so a crash leaves
 * either the old or the new file, never a torn one. Commits happen every `offset.flush.interval.ms`, so
 * rewriting the whole file is cheap enough.
 */
export class FileOffsetStore extends MemoryOffsetStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {
    super();
  }

  override async start(): Promise<void> {
    if (!existsSync(this.file)) return;
    let stored: StoredOffset[];
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as StoredOffset[];
    } catch (cause) {
      throw new ConnectError(`Cannot read source offsets from ${this.file}: ${(cause as Error).message}`, { cause });
    }
    for (const entry of stored) this.entries.set(keyOf(entry.connector, entry.partition), entry);
  }

  override async set(connector: string, entries: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>): Promise<void> {
    await super.set(connector, entries);
    const snapshot = JSON.stringify([...this.entries.values()], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    this.writing = this.writing.then(() => this.write(snapshot));
    await this.writing;
  }

  private async write(content: string): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
