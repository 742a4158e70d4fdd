/**
 * The on-disk record frame of the embedded topic log. Every record is one self-checking frame, so a
 * segment can be scanned from any frame start and a torn tail is recognised by its own bytes.
 *
 * Frame layout (all integers big-endian; see README.md in this folder):
 *
 *   0  u32   size        bytes that follow this field (frame length = 4 + size)
 *   4  u32   crc         CRC-32 (IEEE, as zlib computes it) of bytes [8, 4 + size)
 *   8  u8    magic       format version, 1
 *   9  u8    attributes  bit 0: timestamp type (0 CreateTime, 1 LogAppendTime); other bits 0
 *  10  i64   offset      the record's offset in its partition
 *  18  i64   timestamp   milliseconds since the epoch
 *  26  i32   key length (-1: null key), then the key bytes
 *      i32   value length (-1: null value), then the value bytes
 *      i32   header count, then per header: i32 key length + UTF-8 key, i32 value length (-1: null) + bytes
 *
 * Offsets and timestamps are JavaScript safe integers, written as a signed high word and an unsigned low
 * word so that encoding stays on the fast 32-bit Buffer methods.
 */
import { crc32 } from 'node:zlib';
import type { ConsumedRecord, RawHeader, TimestampKind } from '../port.js';

export const FRAME_MAGIC = 1;
/** Bytes of a frame with no key, value or headers: size, crc, magic, attributes, offset, timestamp, 3 lengths. */
export const FRAME_OVERHEAD = 4 + 4 + 1 + 1 + 8 + 8 + 4 + 4 + 4;
/** The smallest legal value of the size field. */
const MIN_SIZE_FIELD = FRAME_OVERHEAD - 4;
const ATTR_LOG_APPEND_TIME = 0x01;
const TWO_32 = 0x1_0000_0000;

/** What a producer hands the log: a record whose timestamp is already decided. */
export interface RecordToAppend {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RawHeader[];
  readonly timestamp: number;
}

/** A run of encoded frames with consecutive offsets, ready for one write. */
export interface EncodedBatch {
  readonly buffer: Buffer;
  readonly baseOffset: number;
  readonly count: number;
  readonly maxTimestamp: number;
  /** Positions in `buffer` of frames worth an index entry (the first frame, then one every index interval). */
  readonly indexPositions: readonly number[];
  /** The offsets of the frames at `indexPositions`. */
  readonly indexOffsets: readonly number[];
}

/** The size in bytes of the frame `record` encodes to. */
export function frameLength(record: RecordToAppend): number {
  let length = FRAME_OVERHEAD;
  if (record.key) length += record.key.length;
  if (record.value) length += record.value.length;
  for (const header of record.headers) {
    length += 8 + Buffer.byteLength(header.key, 'utf8') + (header.value ? header.value.length : 0);
  }
  return length;
}

function writeInt64(buf: Buffer, value: number, pos: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_32, pos + 4);
}

function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}

function writeBytes(buf: Buffer, bytes: Uint8Array | null, pos: number): number {
  if (bytes === null) {
    buf.writeInt32BE(-1, pos);
    return pos + 4;
  }
  buf.writeInt32BE(bytes.length, pos);
  buf.set(bytes, pos + 4);
  return pos + 4 + bytes.length;
}

/**
 * Encodes `records` as frames with offsets `baseOffset`, `baseOffset + 1`, …, into one buffer. With
 * `logAppendTime` set, every record gets that timestamp and the LogAppendTime attribute.
 */
export function encodeBatch(
  records: readonly RecordToAppend[],
  baseOffset: number,
  logAppendTime: number | null,
  indexIntervalBytes: number,
): EncodedBatch {
  const lengths = new Array<number>(records.length);
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const length = frameLength(records[i] as RecordToAppend);
    lengths[i] = length;
    total += length;
  }
  const buf = Buffer.allocUnsafe(total);
  const attributes = logAppendTime === null ? 0 : ATTR_LOG_APPEND_TIME;
  const indexPositions: number[] = [];
  const indexOffsets: number[] = [];
  let maxTimestamp = -1;
  let pos = 0;
  let lastIndexed = -indexIntervalBytes;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as RecordToAppend;
    const start = pos;
    const length = lengths[i] as number;
    const offset = baseOffset + i;
    const timestamp = logAppendTime ?? record.timestamp;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    if (start - lastIndexed >= indexIntervalBytes) {
      indexPositions.push(start);
      indexOffsets.push(offset);
      lastIndexed = start;
    }
    buf.writeUInt32BE(length - 4, start);
    buf[start + 8] = FRAME_MAGIC;
    buf[start + 9] = attributes;
    writeInt64(buf, offset, start + 10);
    writeInt64(buf, timestamp, start + 18);
    pos = writeBytes(buf, record.key, start + 26);
    pos = writeBytes(buf, record.value, pos);
    buf.writeInt32BE(record.headers.length, pos);
    pos += 4;
    for (const header of record.headers) {
      const keyLength = buf.write(header.key, pos + 4, 'utf8');
      buf.writeInt32BE(keyLength, pos);
      pos = writeBytes(buf, header.value, pos + 4 + keyLength);
    }
    buf.writeUInt32BE(crc32(buf.subarray(start + 8, pos)), start + 4);
  }
  return { buffer: buf, baseOffset, count: records.length, maxTimestamp, indexPositions, indexOffsets };
}

/** The outcome of checking the frame that starts at a position. */
export type FrameCheck =
  | { readonly kind: 'valid'; readonly end: number; readonly offset: number; readonly timestamp: number }
  /** The buffer ends inside the frame; `end` is where the frame would end. */
  | { readonly kind: 'incomplete'; readonly end: number }
  | { readonly kind: 'corrupt'; readonly reason: string };

/**
 * Checks the frame at `pos` of `buf` (which holds bytes up to `limit`): size sane, fully present, CRC and
 * magic right. Does not decode key, value or headers.
 */
export function checkFrame(buf: Buffer, pos: number, limit: number, maxFrameBytes: number): FrameCheck {
  if (limit - pos < 4) return { kind: 'incomplete', end: pos + FRAME_OVERHEAD };
  const size = buf.readUInt32BE(pos);
  if (size < MIN_SIZE_FIELD || size + 4 > maxFrameBytes) return { kind: 'corrupt', reason: `impossible frame size ${size}` };
  const end = pos + 4 + size;
  if (end > limit) return { kind: 'incomplete', end };
  if (buf.readUInt32BE(pos + 4) !== crc32(buf.subarray(pos + 8, end))) return { kind: 'corrupt', reason: 'CRC mismatch' };
  if (buf[pos + 8] !== FRAME_MAGIC) return { kind: 'corrupt', reason: `unknown magic ${String(buf[pos + 8])}` };
  return { kind: 'valid', end, offset: readInt64(buf, pos + 10), timestamp: readInt64(buf, pos + 18) };
}

/** The offset stored in the frame at `pos` (the frame must be at least partly present). */
export function frameOffset(buf: Buffer, pos: number): number {
  return readInt64(buf, pos + 10);
}

function readBytes(buf: Buffer, pos: number): [Buffer | null, number] {
  const length = buf.readInt32BE(pos);
  if (length < 0) return [null, pos + 4];
  return [buf.subarray(pos + 4, pos + 4 + length), pos + 4 + length];
}

/**
 * Decodes a frame already checked as valid. Key, value and header values are views into `buf`, not
 * copies: a read buffer is never reused, so the views stay valid for as long as the caller keeps them.
 */
export function decodeFrame(buf: Buffer, pos: number, topic: string, partition: number): ConsumedRecord {
  const timestampType: TimestampKind = ((buf[pos + 9] as number) & ATTR_LOG_APPEND_TIME) !== 0 ? 'LogAppendTime' : 'CreateTime';
  const offset = readInt64(buf, pos + 10);
  const timestamp = readInt64(buf, pos + 18);
  const [key, afterKey] = readBytes(buf, pos + 26);
  const [value, afterValue] = readBytes(buf, afterKey);
  const headerCount = buf.readInt32BE(afterValue);
  let cursor = afterValue + 4;
  const headers: RawHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const keyLength = buf.readInt32BE(cursor);
    const headerKey = buf.toString('utf8', cursor + 4, cursor + 4 + keyLength);
    const [headerValue, next] = readBytes(buf, cursor + 4 + keyLength);
    headers.push({ key: headerKey, value: headerValue });
    cursor = next;
  }
  return { topic, partition, offset, key, value, headers, timestamp, timestampType };
}
