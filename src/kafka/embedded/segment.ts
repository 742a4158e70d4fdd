/**
 * One segment of a partition log: the file `<base offset, 20 digits>.log` holding consecutive record
 * frames from its base offset on, plus its sparse index. Only the partition log writes to a segment, one
 * append at a time; reads run concurrently and never look past the bytes whose write has completed.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { checkFrame, type EncodedBatch } from './record-format.js';
import { SparseIndex } from './segment-index.js';
import { isErrno } from './fs-util.js';

/** The largest frame a scan believes in: a size field beyond this is garbage, not a record. */
export const MAX_FRAME_BYTES = 1 << 30;
const SCAN_CHUNK_BYTES = 4 << 20;

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

export function indexFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.index`;
}

/** Parses `<20 digits>.log`; null for any other file name. */
export function parseSegmentFileName(name: string): number | null {
  const match = /^(\d{20})\.log$/.exec(name);
  return match ? Number(match[1]) : null;
}

export interface SegmentOpenOptions {
  readonly dir: string;
  readonly baseOffset: number;
  readonly readOnly: boolean;
  readonly indexIntervalBytes: number;
  readonly logger: Logger;
}

/** Where a recovery scan stopped before the end of the file, and why. */
export interface ScanProblem {
  readonly position: number;
  readonly reason: string;
}

export class Segment {
  readonly baseOffset: number;
  readonly path: string;
  private readonly indexPath: string;
  private readonly indexIntervalBytes: number;
  private readonly handle: FileHandle;
  private index: SparseIndex;
  /** Bytes of complete, acknowledged frames: reads stop here. */
  private sizeBytes: number;
  private next: number;
  private maxTs: number;
  /** Wall-clock time of the segment's first record (as near as a reopened file tells); segment.ms counts from here. */
  private firstAppendMs: number | null;
  private readers = 0;
  private removed = false;
  private closing: Promise<void> | null = null;

  private constructor(init: {
    options: SegmentOpenOptions;
    handle: FileHandle;
    index: SparseIndex;
    sizeBytes: number;
    nextOffset: number;
    maxTimestamp: number;
    firstAppendMs: number | null;
  }) {
    this.baseOffset = init.options.baseOffset;
    this.path = join(init.options.dir, segmentFileName(init.options.baseOffset));
    this.indexPath = join(init.options.dir, indexFileName(init.options.baseOffset));
    this.indexIntervalBytes = init.options.indexIntervalBytes;
    this.handle = init.handle;
    this.index = init.index;
    this.sizeBytes = init.sizeBytes;
    this.next = init.nextOffset;
    this.maxTs = init.maxTimestamp;
    this.firstAppendMs = init.firstAppendMs;
  }

  get size(): number {
    return this.sizeBytes;
  }

  /** One past the offset of the segment's last record (the base offset when empty). */
  get nextOffset(): number {
    return this.next;
  }

  /** The largest record timestamp in the segment; -1 when empty. */
  get maxTimestamp(): number {
    return this.maxTs;
  }

  /** Milliseconds since the first record went in; 0 for an empty segment. */
  ageMs(now: number): number {
    return this.firstAppendMs === null ? 0 : now - this.firstAppendMs;
  }

  get isDeleted(): boolean {
    return this.removed;
  }

  /** Creates a new, empty segment file (failing if one exists). */
  static async create(options: SegmentOpenOptions): Promise<Segment> {
    const path = join(options.dir, segmentFileName(options.baseOffset));
    const handle = await open(path, 'wx+');
    return new Segment({
      options,
      handle,
      index: new SparseIndex(),
      sizeBytes: 0,
      nextOffset: options.baseOffset,
      maxTimestamp: -1,
      firstAppendMs: null,
    });
  }

  /**
   * Opens an existing segment. A saved index that matches the file is trusted; otherwise the file is
   * scanned frame by frame. A scan stops at the first frame that is short, fails its CRC or breaks the
   * offset sequence; in read-write mode the file is cut back to the last good frame there.
   */
  static async open(options: SegmentOpenOptions): Promise<{ segment: Segment; problem: ScanProblem | null }> {
    const path = join(options.dir, segmentFileName(options.baseOffset));
    const handle = await open(path, options.readOnly ? 'r' : 'r+');
    try {
      const info = await stat(path);
      const firstAppendMs = info.size === 0 ? null : info.birthtimeMs > 0 ? info.birthtimeMs : info.mtimeMs;
      const saved = await readSavedIndex(join(options.dir, indexFileName(options.baseOffset)), options.baseOffset);
      if (saved && saved.summary.sizeBytes === info.size) {
        const { index, summary } = saved;
        const segment = new Segment({ options, handle, index, sizeBytes: summary.sizeBytes, nextOffset: summary.nextOffset, maxTimestamp: summary.maxTimestamp, firstAppendMs });
        return { segment, problem: null };
      }
      const scan = await scanSegment(handle, info.size, options.baseOffset, options.indexIntervalBytes);
      if (scan.problem && !options.readOnly) {
        options.logger.warn(
          { segment: path, position: scan.problem.position, reason: scan.problem.reason, droppedBytes: info.size - scan.validBytes },
          'truncating a torn or corrupt tail of a log segment',
        );
        await handle.truncate(scan.validBytes);
        await handle.sync();
      }
      const segment = new Segment({ options, handle, index: scan.index, sizeBytes: scan.validBytes, nextOffset: scan.nextOffset, maxTimestamp: scan.maxTimestamp, firstAppendMs });
      return { segment, problem: scan.problem };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /**
   * Writes the batches (consecutive, continuing this segment's offsets) at the end of the file with one
   * vectored write, then makes them visible to readers. On failure the file is cut back to where it was.
   */
  async append(batches: readonly EncodedBatch[]): Promise<void> {
    const start = this.sizeBytes;
    const buffers = batches.map((b) => b.buffer);
    try {
      await writeFully(this.handle, buffers, start);
    } catch (err) {
      await this.handle.truncate(start).catch(() => undefined);
      throw err;
    }
    let position = start;
    for (const batch of batches) {
      for (let i = 0; i < batch.indexPositions.length; i++) {
        const filePosition = position + (batch.indexPositions[i] as number);
        const last = this.index.lastPosition;
        if (last < 0 || filePosition - last >= this.indexIntervalBytes) this.index.add(batch.indexOffsets[i] as number, filePosition);
      }
      position += batch.buffer.length;
      if (batch.maxTimestamp > this.maxTs) this.maxTs = batch.maxTimestamp;
      this.next = batch.baseOffset + batch.count;
    }
    this.sizeBytes = position;
    this.firstAppendMs ??= Date.now();
  }

  /** Forces written bytes to stable storage. */
  async sync(): Promise<void> {
    await this.handle.sync();
  }

  /** Saves the index beside the segment so the next open need not scan it. */
  async saveIndex(): Promise<void> {
    const summary = { sizeBytes: this.sizeBytes, nextOffset: this.next, maxTimestamp: this.maxTs };
    await writeFile(this.indexPath, this.index.encode(this.baseOffset, summary));
  }

  /**
   * Takes a read reference so that deleting the segment meanwhile cannot close the file under the read.
   * False when the segment is already deleted.
   */
  acquire(): boolean {
    if (this.removed) return false;
    this.readers++;
    return true;
  }

  release(): void {
    this.readers--;
    if (this.readers === 0 && this.removed) void this.close();
  }

  /** The file position to start reading at for `offset`: an indexed frame at or before it. */
  positionOf(offset: number): number {
    return this.index.lookup(offset);
  }

  /**
   * Reads from `position` (a frame start) up to about `maxBytes`, never past the acknowledged end; a first
   * frame larger than `maxBytes` is returned whole. The last frame in the result may be cut short. Call
   * between acquire() and release().
   */
  async readFrames(position: number, maxBytes: number): Promise<Buffer> {
    const end = this.sizeBytes;
    const bytes = await readAt(this.handle, position, Math.min(maxBytes, end - position));
    if (bytes.length >= 4) {
      const first = 4 + bytes.readUInt32BE(0);
      if (first > bytes.length && position + first <= end) return readAt(this.handle, position, first);
    }
    return bytes;
  }

  /** Unlinks the files; the descriptor closes once the last reader is done. */
  async delete(): Promise<void> {
    if (this.removed) return;
    await this.retire();
    await rm(this.path, { force: true });
    await rm(this.indexPath, { force: true });
  }

  /** Stops new reads and closes the file once the last reader is done (the files stay). */
  async retire(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    if (this.readers === 0) await this.close();
  }

  /** Closes the file (idempotent). */
  close(): Promise<void> {
    this.closing ??= this.handle.close().catch(() => undefined);
    return this.closing;
  }
}

async function readSavedIndex(path: string, baseOffset: number): Promise<ReturnType<typeof SparseIndex.decode>> {
  try {
    return SparseIndex.decode(await readFile(path), baseOffset);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(Math.max(0, length));
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

async function writeFully(handle: FileHandle, buffers: readonly Buffer[], position: number): Promise<void> {
  let pending = buffers.slice();
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending, at);
    at += bytesWritten;
    // A short write (rare on regular files): continue with what is left.
    let skip = bytesWritten;
    while (pending.length > 0 && skip >= (pending[0] as Buffer).length) {
      skip -= (pending[0] as Buffer).length;
      pending = pending.slice(1);
    }
    if (skip > 0 && pending.length > 0) pending[0] = (pending[0] as Buffer).subarray(skip);
  }
}

interface ScanResult {
  index: SparseIndex;
  validBytes: number;
  nextOffset: number;
  maxTimestamp: number;
  problem: ScanProblem | null;
}

/** Reads a segment front to back, checking every frame, and rebuilds its index. */
async function scanSegment(handle: FileHandle, fileSize: number, baseOffset: number, indexIntervalBytes: number): Promise<ScanResult> {
  const index = new SparseIndex();
  let expected = baseOffset;
  let maxTimestamp = -1;
  let chunkStart = 0;
  let valid = 0;
  let problem: ScanProblem | null = null;
  while (chunkStart < fileSize && problem === null) {
    const chunk = await readAt(handle, chunkStart, Math.min(SCAN_CHUNK_BYTES, fileSize - chunkStart));
    let pos = 0;
    for (;;) {
      const check = checkFrame(chunk, pos, chunk.length, MAX_FRAME_BYTES);
      if (check.kind === 'incomplete') {
        if (chunkStart + check.end > fileSize || chunk.length < 4) {
          problem = { position: chunkStart + pos, reason: 'short write: the file ends inside a frame' };
        } else if (pos === 0) {
          // A frame bigger than the scan chunk: read it whole.
          const whole = await readAt(handle, chunkStart, check.end);
          const again = checkFrame(whole, 0, whole.length, MAX_FRAME_BYTES);
          if (again.kind !== 'valid') {
            problem = { position: chunkStart, reason: again.kind === 'corrupt' ? again.reason : 'short write' };
          } else if (again.offset !== expected) {
            problem = { position: chunkStart, reason: `offset ${again.offset} where ${expected} was expected` };
          } else {
            if (index.lastPosition < 0 || chunkStart - index.lastPosition >= indexIntervalBytes) index.add(expected, chunkStart);
            expected++;
            if (again.timestamp > maxTimestamp) maxTimestamp = again.timestamp;
            valid = chunkStart + again.end;
            pos = again.end;
          }
        }
        break;
      }
      if (check.kind === 'corrupt') {
        problem = { position: chunkStart + pos, reason: check.reason };
        break;
      }
      if (check.offset !== expected) {
        problem = { position: chunkStart + pos, reason: `offset ${check.offset} where ${expected} was expected` };
        break;
      }
      const filePosition = chunkStart + pos;
      if (index.lastPosition < 0 || filePosition - index.lastPosition >= indexIntervalBytes) index.add(expected, filePosition);
      expected++;
      if (check.timestamp > maxTimestamp) maxTimestamp = check.timestamp;
      pos = check.end;
      valid = chunkStart + pos;
      if (pos === chunk.length) break;
    }
    chunkStart = valid;
  }
  return { index, validBytes: valid, nextOffset: expected, maxTimestamp, problem };
}
