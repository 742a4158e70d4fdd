/**
 * Committed consumer-group offsets, kept in memory and persisted in `<dataDir>/groups/offsets.log`: an
 * append-only file of checksummed frames (u32 length, u32 CRC-32 of the payload, UTF-8 JSON payload).
 * A commit resolves after its frame is written; a torn last frame (a crash mid-write) is dropped on open.
 * The file is compacted — rewritten with only the live offsets, atomically — on open and whenever it
 * holds many times more entries than are live.
 *
 * Payloads: `{"g":group,"o":[[topic,partition,offset|null],…]}` sets (null: removes) offsets;
 * `{"g":group,"deleteGroup":true}` forgets a group; `{"t":topic,"deleteTopic":true}` forgets a topic.
 */
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Logger } from 'pino';
import { BadRequestError } from '../../api/errors.js';
import type { PartitionOffset, TopicPartition } from '../port.js';
import { isErrno, writeFileAtomic } from './fs-util.js';

export type OffsetChange = TopicPartition & { readonly offset: number | null };

type Entry =
  | { readonly g: string; readonly o: ReadonlyArray<readonly [string, number, number | null]> }
  | { readonly g: string; readonly deleteGroup: true }
  | { readonly t: string; readonly deleteTopic: true };

export interface OffsetStoreOptions {
  readonly dataDir: string;
  readonly readOnly: boolean;
  /** Fsync every commit (power-loss safety) rather than only writing it. */
  readonly fsync: boolean;
  readonly logger: Logger;
}

const FILE = 'offsets.log';
const COMPACT_MIN_ENTRIES = 10_000;

export class OffsetStore {
  private readonly options: OffsetStoreOptions;
  private readonly path: string;
  private readonly groups = new Map<string, Map<string, PartitionOffset>>();
  private handle: FileHandle | null = null;
  private size = 0;
  private writtenEntries = 0;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(options: OffsetStoreOptions) {
    this.options = options;
    this.path = join(options.dataDir, 'groups', FILE);
  }

  static async open(options: OffsetStoreOptions): Promise<OffsetStore> {
    const store = new OffsetStore(options);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      bytes = Buffer.alloc(0);
    }
    let pos = 0;
    while (pos + 8 <= bytes.length) {
      const length = bytes.readUInt32BE(pos);
      const end = pos + 8 + length;
      if (end > bytes.length || bytes.readUInt32BE(pos + 4) !== crc32(bytes.subarray(pos + 8, end))) break;
      this.apply(JSON.parse(bytes.toString('utf8', pos + 8, end)) as Entry);
      pos = end;
    }
    if (pos < bytes.length) {
      this.options.logger.warn({ file: this.path, droppedBytes: bytes.length - pos }, 'dropping a torn tail of the group offsets log');
    }
    if (this.options.readOnly) return;
    await mkdir(join(this.options.dataDir, 'groups'), { recursive: true });
    await this.compact();
  }

  /** Rewrites the file with only the live offsets, then reopens it for appending. */
  private async compact(): Promise<void> {
    const frames = [...this.groups.entries()].map(([g, offsets]) =>
      frame({ g, o: [...offsets.values()].map((o) => [o.topic, o.partition, o.offset] as const) }),
    );
    const content = Buffer.concat(frames);
    await this.handle?.close();
    await writeFileAtomic(this.path, content);
    this.handle = await open(this.path, 'r+');
    this.size = content.length;
    this.writtenEntries = this.liveEntries();
  }

  private liveEntries(): number {
    let count = 0;
    for (const offsets of this.groups.values()) count += offsets.size;
    return count;
  }

  private apply(entry: Entry): void {
    if ('deleteTopic' in entry) {
      for (const [group, offsets] of this.groups) {
        for (const [key, offset] of offsets) if (offset.topic === entry.t) offsets.delete(key);
        if (offsets.size === 0) this.groups.delete(group);
      }
      return;
    }
    if ('deleteGroup' in entry) {
      this.groups.delete(entry.g);
      return;
    }
    const offsets = this.groups.get(entry.g) ?? new Map<string, PartitionOffset>();
    for (const [topic, partition, offset] of entry.o) {
      if (offset === null) offsets.delete(keyOf(topic, partition));
      else offsets.set(keyOf(topic, partition), { topic, partition, offset });
    }
    if (offsets.size > 0) this.groups.set(entry.g, offsets);
    else this.groups.delete(entry.g);
  }

  /** Appends an entry durably, then applies it. Writes happen one at a time, in call order. */
  private write(entry: Entry, entries: number): Promise<void> {
    if (this.options.readOnly) return Promise.reject(new BadRequestError('The embedded topic store is open read-only'));
    const run = this.chain.then(async () => {
      const handle = this.handle;
      if (!handle) throw new BadRequestError('The group offset store is closed');
      const bytes = frame(entry);
      try {
        await handle.write(bytes, 0, bytes.length, this.size);
        if (this.options.fsync) await handle.sync();
      } catch (err) {
        await handle.truncate(this.size).catch(() => undefined);
        throw err;
      }
      this.size += bytes.length;
      this.writtenEntries += entries;
      this.apply(entry);
      if (this.writtenEntries > Math.max(COMPACT_MIN_ENTRIES, 4 * this.liveEntries())) await this.compact();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async commit(group: string, changes: readonly OffsetChange[]): Promise<void> {
    for (const change of changes) {
      if (change.offset !== null && (!Number.isSafeInteger(change.offset) || change.offset < 0)) {
        throw new BadRequestError(`Invalid offset ${change.offset} for ${change.topic}-${change.partition}`);
      }
    }
    await this.write({ g: group, o: changes.map((c) => [c.topic, c.partition, c.offset] as const) }, changes.length);
  }

  deleteGroup(group: string): Promise<void> {
    return this.write({ g: group, deleteGroup: true }, 1);
  }

  deleteTopic(topic: string): Promise<void> {
    return this.write({ t: topic, deleteTopic: true }, 1);
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  /** Every committed offset of the group, sorted by topic and partition. */
  list(group: string): PartitionOffset[] {
    return [...(this.groups.get(group)?.values() ?? [])].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  /** The committed offsets of the given partitions that have one. */
  committed(group: string, partitions: readonly TopicPartition[]): PartitionOffset[] {
    const offsets = this.groups.get(group);
    if (!offsets) return [];
    return partitions.flatMap((tp) => {
      const found = offsets.get(keyOf(tp.topic, tp.partition));
      return found ? [found] : [];
    });
  }

  async close(): Promise<void> {
    const closing = this.chain.then(async () => {
      await this.handle?.close();
      this.handle = null;
    });
    this.chain = closing.catch(() => undefined);
    await closing;
  }
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function frame(entry: Entry): Buffer {
  const payload = Buffer.from(JSON.stringify(entry), 'utf8');
  const header = Buffer.allocUnsafe(8);
  header.writeUInt32BE(payload.length, 0);
  header.writeUInt32BE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}
