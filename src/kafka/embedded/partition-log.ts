/**
 * The log of one topic partition: a directory of segments, the last one active. Appends get their offsets
 * synchronously (so callers' order is the log's order) and are written by a single drain loop that
 * coalesces whatever is queued into one vectored write per segment; an append's promise settles only
 * after its bytes are in the file (and fsynced, when the flush policy asks). Readers see only records
 * whose write has completed, and are woken when new ones become visible.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { ConnectError, RetriableError } from '../../api/errors.js';
import type { ConsumedRecord } from '../port.js';
import { fsyncDirectory } from './fs-util.js';
import { checkFrame, decodeFrame, encodeBatch, frameOffset, type EncodedBatch, type RecordToAppend } from './record-format.js';
import { indexFileName, MAX_FRAME_BYTES, parseSegmentFileName, Segment, segmentFileName } from './segment.js';
import type { TopicSettings } from './topic-config.js';

export interface PartitionLogOptions {
  /** The partition's own directory. */
  readonly dir: string;
  readonly topic: string;
  readonly partition: number;
  readonly settings: TopicSettings;
  /** Open for reading only: nothing is created, truncated or written. */
  readonly readOnly: boolean;
  readonly logger: Logger;
}

export type ReadResult =
  | { readonly kind: 'records'; readonly records: ConsumedRecord[] }
  | { readonly kind: 'outOfRange'; readonly logStartOffset: number; readonly logEndOffset: number };

/** Where an append landed; `written` settles once the records are in the file. */
export interface AppendTicket {
  readonly baseOffset: number;
  /** The timestamp every record got, when the topic uses LogAppendTime; otherwise null. */
  readonly logAppendTime: number | null;
  readonly written: Promise<void>;
}

interface PendingAppend {
  readonly batch: EncodedBatch;
  resolve(): void;
  reject(err: unknown): void;
}

/** A record failed its checksum on read: the segment is damaged (Kafka's CorruptRecordException). */
export class CorruptRecordError extends ConnectError {
  constructor(message: string) {
    super(message, { code: 'CORRUPT_RECORD' });
  }
}

export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  private readonly dir: string;
  private readonly settings: TopicSettings;
  private readonly readOnly: boolean;
  private readonly logger: Logger;
  private segments: Segment[];
  private assignedEnd: number;
  private pending: PendingAppend[] = [];
  private draining = false;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private unflushedRecords = 0;
  private lastFlushMs = Date.now();
  private closed = false;

  private constructor(options: PartitionLogOptions, segments: Segment[]) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.dir = options.dir;
    this.settings = options.settings;
    this.readOnly = options.readOnly;
    this.logger = options.logger;
    this.segments = segments;
    this.assignedEnd = this.logEndOffset;
  }

  /** Opens (creating when new) a partition directory and recovers its tail. */
  static async open(options: PartitionLogOptions): Promise<PartitionLog> {
    if (!options.readOnly) await mkdir(options.dir, { recursive: true });
    const bases = (await readdir(options.dir))
      .map(parseSegmentFileName)
      .filter((b): b is number => b !== null)
      .sort((a, b) => a - b);
    const segmentOptions = { dir: options.dir, readOnly: options.readOnly, indexIntervalBytes: options.settings.indexIntervalBytes, logger: options.logger };
    const segments: Segment[] = [];
    for (let i = 0; i < bases.length; i++) {
      const base = bases[i] as number;
      const previous = segments[segments.length - 1];
      if (previous && previous.nextOffset !== base) {
        // Records are missing between two segments (an earlier segment lost its tail): what follows can
        // no longer be offset-dense, so it goes, as Kafka's recovery truncates the log at corruption.
        await dropSegments(options, bases.slice(i), `segment ${base} does not continue offset ${previous.nextOffset}`);
        break;
      }
      const { segment, problem } = await Segment.open({ ...segmentOptions, baseOffset: base });
      segments.push(segment);
      if (problem && i < bases.length - 1) {
        await dropSegments(options, bases.slice(i + 1), `segment ${base} is damaged at byte ${problem.position}: ${problem.reason}`);
        break;
      }
    }
    if (segments.length === 0 && !options.readOnly) {
      segments.push(await Segment.create({ ...segmentOptions, baseOffset: 0 }));
      // A new partition: make its first segment and its directory durable names before any record counts on them.
      await fsyncDirectory(options.dir);
      await fsyncDirectory(dirname(options.dir));
    }
    return new PartitionLog(options, segments);
  }

  private get active(): Segment {
    const segment = this.segments[this.segments.length - 1];
    if (!segment) throw new ConnectError(`The log of ${this.topic}-${this.partition} has no segment`);
    return segment;
  }

  /** The earliest offset still stored. */
  get logStartOffset(): number {
    return this.segments[0]?.baseOffset ?? 0;
  }

  /** The offset the next visible record will get: records below it are written and readable. */
  get logEndOffset(): number {
    return this.segments[this.segments.length - 1]?.nextOffset ?? 0;
  }

  get sizeBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0);
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private get fsyncEnabled(): boolean {
    return this.settings.flushMessages < Number.MAX_SAFE_INTEGER || this.settings.flushMs < Number.MAX_SAFE_INTEGER;
  }

  /**
   * Queues records for writing and assigns their offsets now. Throws (synchronously) when the log is
   * closed or read-only; the ticket's promise rejects, retriably, if the write fails.
   */
  append(records: readonly RecordToAppend[], now: number): AppendTicket {
    if (this.closed) throw new RetriableError(`The log of ${this.topic}-${this.partition} is closed`, { code: 'NOT_LEADER_OR_FOLLOWER' });
    if (this.readOnly) throw new ConnectError(`The log of ${this.topic}-${this.partition} is open read-only`);
    const logAppendTime = this.settings.timestampType === 'LogAppendTime' ? now : null;
    const batch = encodeBatch(records, this.assignedEnd, logAppendTime, this.settings.indexIntervalBytes);
    this.assignedEnd += records.length;
    const written = new Promise<void>((resolve, reject) => this.pending.push({ batch, resolve, reject }));
    if (!this.draining) {
      this.draining = true;
      void this.exclusive(() => this.drain());
    }
    return { baseOffset: batch.baseOffset, logAppendTime, written };
  }

  /** Calls `listener` whenever new records become readable (or the log goes away). Returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Runs maintenance and writes one at a time, in call order. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const taken = this.pending.splice(0, this.pending.length);
        try {
          await this.write(taken);
        } catch (err) {
          const unwritten = [...taken, ...this.pending.splice(0, this.pending.length)];
          // Offsets handed out for unwritten records are void: the next append continues from the file.
          this.assignedEnd = this.logEndOffset;
          const error = new RetriableError(`Could not append to ${this.topic}-${this.partition}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
          for (const append of unwritten) append.reject(error);
          this.logger.error({ err, topic: this.topic, partition: this.partition }, 'append to the embedded log failed');
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Writes queued appends, rolling segments where needed, and settles each one that made it to the file. */
  private async write(appends: PendingAppend[]): Promise<void> {
    const now = Date.now();
    while (appends.length > 0) {
      const group: PendingAppend[] = [];
      let groupBytes = 0;
      let records = 0;
      const startSize = this.active.size;
      for (const append of appends) {
        const size = startSize + groupBytes;
        const wouldOverflow = size + append.batch.buffer.length > this.settings.segmentBytes || size + append.batch.buffer.length > 0xffff_ffff;
        const tooOld = this.active.ageMs(now) >= this.settings.segmentMs;
        if (size > 0 && (wouldOverflow || tooOld)) break;
        group.push(append);
        groupBytes += append.batch.buffer.length;
        records += append.batch.count;
      }
      if (group.length === 0) {
        await this.roll();
        continue;
      }
      await this.active.append(group.map((a) => a.batch));
      appends.splice(0, group.length);
      this.unflushedRecords += records;
      if (this.unflushedRecords >= this.settings.flushMessages || now - this.lastFlushMs >= this.settings.flushMs) {
        await this.active.sync();
        this.unflushedRecords = 0;
        this.lastFlushMs = now;
      }
      for (const append of group) append.resolve();
      this.notify();
    }
  }

  /** Seals the active segment and starts a new one at the log end. Call inside exclusive(). */
  private async roll(): Promise<void> {
    const sealed = this.active;
    if (this.fsyncEnabled) await sealed.sync();
    await sealed.saveIndex();
    const next = await Segment.create({
      dir: this.dir,
      baseOffset: sealed.nextOffset,
      readOnly: false,
      indexIntervalBytes: this.settings.indexIntervalBytes,
      logger: this.logger,
    });
    if (this.fsyncEnabled) await fsyncDirectory(this.dir);
    this.segments = [...this.segments, next];
    this.logger.debug({ topic: this.topic, partition: this.partition, baseOffset: next.baseOffset }, 'rolled a new log segment');
  }

  /**
   * Reads the records from `fromOffset` on, up to about `maxBytes` (at least one record when there is
   * one). Out of range when `fromOffset` is below the log start (retention removed it) or past the end.
   */
  async read(fromOffset: number, maxBytes: number): Promise<ReadResult> {
    for (;;) {
      const end = this.logEndOffset;
      if (fromOffset === end || this.closed || this.segments.length === 0) return { kind: 'records', records: [] };
      if (fromOffset < this.logStartOffset || fromOffset > end) {
        return { kind: 'outOfRange', logStartOffset: this.logStartOffset, logEndOffset: end };
      }
      const segment = this.segmentHolding(fromOffset);
      // A segment deleted by retention between the lookup and here: look again.
      if (!segment.acquire()) continue;
      try {
        let position = segment.positionOf(fromOffset);
        for (;;) {
          const bytes = await segment.readFrames(position, maxBytes);
          const { records, incompleteAt } = this.decode(bytes, position, fromOffset);
          if (records.length > 0 || incompleteAt === null || incompleteAt === position) return { kind: 'records', records };
          // Only frames before fromOffset fitted: go on from where the chunk ended.
          position = incompleteAt;
        }
      } finally {
        segment.release();
      }
    }
  }

  private segmentHolding(offset: number): Segment {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.segments[middle] as Segment).baseOffset <= offset) low = middle;
      else high = middle - 1;
    }
    return this.segments[low] as Segment;
  }

  private decode(bytes: Buffer, position: number, fromOffset: number): { records: ConsumedRecord[]; incompleteAt: number | null } {
    const records: ConsumedRecord[] = [];
    let pos = 0;
    while (pos < bytes.length) {
      const check = checkFrame(bytes, pos, bytes.length, MAX_FRAME_BYTES);
      if (check.kind === 'incomplete') return { records, incompleteAt: position + pos };
      if (check.kind === 'corrupt') {
        throw new CorruptRecordError(`Record at byte ${position + pos} of ${this.topic}-${this.partition} is corrupt: ${check.reason}`);
      }
      if (frameOffset(bytes, pos) >= fromOffset) records.push(decodeFrame(bytes, pos, this.topic, this.partition));
      pos = check.end;
    }
    return { records, incompleteAt: null };
  }

  /** Fsyncs unflushed records when flush.ms has passed since the last fsync (the periodic flusher calls this). */
  flushIfDue(now: number): Promise<void> {
    if (this.readOnly || this.closed || this.unflushedRecords === 0 || now - this.lastFlushMs < this.settings.flushMs) return Promise.resolve();
    return this.exclusive(async () => {
      if (this.closed || this.unflushedRecords === 0) return;
      await this.active.sync();
      this.unflushedRecords = 0;
      this.lastFlushMs = now;
    });
  }

  /**
   * Deletes the oldest segments that retention.ms or retention.bytes let go (only under cleanup.policy
   * delete). When every record has expired the active segment is rolled first, so the log keeps its end
   * offset with nothing below it. Returns the number of segments deleted.
   */
  applyRetention(now: number): Promise<number> {
    const { cleanupPolicy, retentionMs, retentionBytes } = this.settings;
    if (this.readOnly || this.closed || !cleanupPolicy.includes('delete')) return Promise.resolve(0);
    return this.exclusive(async () => {
      if (this.closed) return 0;
      const expired = (s: Segment) => retentionMs >= 0 && s.size > 0 && now - s.maxTimestamp > retentionMs;
      let count = 0;
      while (count < this.segments.length && expired(this.segments[count] as Segment)) count++;
      if (count === this.segments.length && count > 0) await this.roll();
      if (retentionBytes >= 0) {
        let excess = this.sizeBytes - retentionBytes;
        for (let i = 0; i < this.segments.length - 1; i++) {
          const size = (this.segments[i] as Segment).size;
          if (excess - size < 0) break;
          excess -= size;
          count = Math.max(count, i + 1);
        }
      }
      const doomed = this.segments.slice(0, Math.min(count, this.segments.length - 1));
      if (doomed.length === 0) return 0;
      this.segments = this.segments.slice(doomed.length);
      for (const segment of doomed) await segment.delete();
      if (this.fsyncEnabled) await fsyncDirectory(this.dir);
      this.logger.info(
        { topic: this.topic, partition: this.partition, segments: doomed.length, logStartOffset: this.logStartOffset },
        'retention deleted old log segments',
      );
      this.notify();
      return doomed.length;
    });
  }

  /** Writes what is queued, saves the active segment's index (a clean close needs no scan) and closes. */
  close(): Promise<void> {
    return this.exclusive(async () => {
      if (this.closed) return;
      this.closed = true;
      if (!this.readOnly && this.segments.length > 0) {
        if (this.fsyncEnabled) await this.active.sync();
        await this.active.saveIndex();
      }
      await Promise.all(this.segments.map((s) => s.retire()));
      this.notify();
    });
  }

  /**
   * Closes the log for good without saving anything (its topic is being deleted): queued writes finish,
   * files close once reads in flight are done. The caller removes the directory.
   */
  retire(): Promise<void> {
    return this.exclusive(async () => {
      this.closed = true;
      const segments = this.segments;
      this.segments = [];
      await Promise.all(segments.map((s) => s.retire()));
      this.notify();
    });
  }
}

async function dropSegments(options: PartitionLogOptions, bases: readonly number[], reason: string): Promise<void> {
  if (options.readOnly || bases.length === 0) return;
  options.logger.warn({ topic: options.topic, partition: options.partition, droppedSegments: bases, reason }, 'dropping log segments after a damaged one');
  for (const base of bases) {
    await rm(join(options.dir, segmentFileName(base)), { force: true });
    await rm(join(options.dir, indexFileName(base)), { force: true });
  }
}
