/**
 * The sparse offset index of one segment: (offset, file position) pairs, one every `index.interval.bytes`
 * of log, so a read seeks to within one interval of any offset. It lives in memory; a sealed segment
 * (rolled, or the active one at a clean close) also saves it beside the log as `<base>.index`, so opening
 * the store does not have to rescan finished segments.
 *
 * Index file layout (big-endian):
 *
 *   0  4 bytes  "TWIX"
 *   4  u8       version, 1
 *   5  u32      entry count N
 *   9  u32      size in bytes of the segment file the index describes
 *  13  i64      next offset (one past the segment's last record)
 *  21  i64      largest record timestamp in the segment (-1 when empty)
 *  29  N × (u32 offset - base offset, u32 file position)
 *      u32      CRC-32 of every byte before it
 *
 * The recorded segment size is the validity check: segments only grow by appends and are only cut back
 * during recovery, so an index whose size matches the file describes exactly that file.
 */
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('TWIX', 'latin1');
const VERSION = 1;
const HEADER_BYTES = 29;
const TWO_32 = 0x1_0000_0000;

/** What a saved index says about its segment besides the entries. */
export interface SegmentSummary {
  readonly sizeBytes: number;
  readonly nextOffset: number;
  readonly maxTimestamp: number;
}

export class SparseIndex {
  private readonly offsets: number[] = [];
  private readonly positions: number[] = [];

  get entryCount(): number {
    return this.offsets.length;
  }

  /** File position of the last entry, or -1 when there is none. */
  get lastPosition(): number {
    return this.positions.length === 0 ? -1 : (this.positions[this.positions.length - 1] as number);
  }

  /** Adds an entry; entries must come in increasing offset and position order. */
  add(offset: number, position: number): void {
    this.offsets.push(offset);
    this.positions.push(position);
  }

  /** The file position of the last entry whose offset is at most `offset` (0 when there is none). */
  lookup(offset: number): number {
    let low = 0;
    let high = this.offsets.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((this.offsets[middle] as number) <= offset) {
        found = this.positions[middle] as number;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The index file content for a segment starting at `baseOffset`. */
  encode(baseOffset: number, summary: SegmentSummary): Buffer {
    const count = this.offsets.length;
    const buf = Buffer.alloc(HEADER_BYTES + count * 8 + 4);
    MAGIC.copy(buf, 0);
    buf[4] = VERSION;
    buf.writeUInt32BE(count, 5);
    buf.writeUInt32BE(summary.sizeBytes, 9);
    writeInt64(buf, summary.nextOffset, 13);
    writeInt64(buf, summary.maxTimestamp, 21);
    for (let i = 0; i < count; i++) {
      buf.writeUInt32BE((this.offsets[i] as number) - baseOffset, HEADER_BYTES + i * 8);
      buf.writeUInt32BE(this.positions[i] as number, HEADER_BYTES + i * 8 + 4);
    }
    buf.writeUInt32BE(crc32(buf.subarray(0, buf.length - 4)), buf.length - 4);
    return buf;
  }

  /** Parses an index file; null when it is damaged or not an index file of this version. */
  static decode(buf: Buffer, baseOffset: number): { index: SparseIndex; summary: SegmentSummary } | null {
    if (buf.length < HEADER_BYTES + 4 || !buf.subarray(0, 4).equals(MAGIC) || buf[4] !== VERSION) return null;
    const count = buf.readUInt32BE(5);
    if (buf.length !== HEADER_BYTES + count * 8 + 4) return null;
    if (buf.readUInt32BE(buf.length - 4) !== crc32(buf.subarray(0, buf.length - 4))) return null;
    const index = new SparseIndex();
    for (let i = 0; i < count; i++) {
      index.add(baseOffset + buf.readUInt32BE(HEADER_BYTES + i * 8), buf.readUInt32BE(HEADER_BYTES + i * 8 + 4));
    }
    const summary = { sizeBytes: buf.readUInt32BE(9), nextOffset: readInt64(buf, 13), maxTimestamp: readInt64(buf, 21) };
    return { index, summary };
  }
}

function writeInt64(buf: Buffer, value: number, pos: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_32, pos + 4);
}

function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}
