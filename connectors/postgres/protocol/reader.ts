import { ConnectError } from '../../../src/api/errors.js';

/**
 * A violation of the replication or pgoutput wire format: a truncated message, an unknown tag, a bad tuple
 * kind. Not retriable: the same bytes decode the same way every time.
 */
export class ProtocolError extends ConnectError {
  constructor(message: string) {
    super(message, { code: 'PG_PROTOCOL' });
  }
}

/** Microseconds from the Unix epoch to PostgreSQL's epoch (2000-01-01T00:00:00Z). */
export const POSTGRES_EPOCH_OFFSET_MICROS = 946_684_800_000_000n;

/** A PostgreSQL TimestampTz (microseconds since 2000-01-01 UTC) as microseconds since the Unix epoch. */
export function postgresToUnixMicros(postgresMicros: bigint): bigint {
  return postgresMicros + POSTGRES_EPOCH_OFFSET_MICROS;
}

/** Microseconds since the Unix epoch as a PostgreSQL TimestampTz. */
export function unixToPostgresMicros(unixMicros: bigint): bigint {
  return unixMicros - POSTGRES_EPOCH_OFFSET_MICROS;
}

/** A Buffer view of any Uint8Array, without copying (Buffers are returned as they are). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const EMPTY = Buffer.alloc(0);

/**
 * A big-endian cursor over `buffer[pos, end)`. Every read is bounds-checked against `end` and throws a
 * ProtocolError when the message is shorter than its format says. `bytes()` returns views, not copies.
 */
export class ByteReader {
  buffer: Buffer;
  pos: number;
  end: number;

  constructor(buffer: Uint8Array, start = 0, end = buffer.length) {
    this.buffer = EMPTY;
    this.pos = 0;
    this.end = 0;
    this.reset(buffer, start, end);
  }

  /** Points the reader at `buffer[start, end)`, so one reader can serve many messages. */
  reset(buffer: Uint8Array, start = 0, end = buffer.length): this {
    if (!(start >= 0 && end <= buffer.length && start <= end)) {
      throw new RangeError(`invalid range [${start}, ${end}) over ${buffer.length} bytes`);
    }
    this.buffer = asBuffer(buffer);
    this.pos = start;
    this.end = end;
    return this;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (this.pos + n > this.end) {
      throw new ProtocolError(`truncated ${what}: needs ${n} byte(s) at offset ${this.pos}, message ends at ${this.end}`);
    }
  }

  u8(what = 'byte'): number {
    this.need(1, what);
    return this.buffer[this.pos++] as number;
  }

  u16(what = 'Int16'): number {
    this.need(2, what);
    const b = this.buffer;
    const p = this.pos;
    this.pos = p + 2;
    return ((b[p] as number) << 8) | (b[p + 1] as number);
  }

  u32(what = 'Int32'): number {
    this.need(4, what);
    const b = this.buffer;
    const p = this.pos;
    this.pos = p + 4;
    return (((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number)) >>> 0;
  }

  i32(what = 'Int32'): number {
    return this.u32(what) | 0;
  }

  /** An unsigned 64-bit integer (LSNs). */
  u64(what = 'Int64'): bigint {
    const high = this.u32(what);
    const low = this.u32(what);
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** A signed 64-bit integer (timestamps). */
  i64(what = 'Int64'): bigint {
    return BigInt.asIntN(64, this.u64(what));
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(what = 'String'): string {
    const at = this.buffer.indexOf(0, this.pos);
    if (at < 0 || at >= this.end) throw new ProtocolError(`unterminated ${what} at offset ${this.pos}`);
    const text = this.buffer.toString('utf8', this.pos, at);
    this.pos = at + 1;
    return text;
  }

  /** A view of the next `n` bytes (no copy). */
  bytes(n: number, what = 'bytes'): Buffer {
    this.need(n, what);
    const view = this.buffer.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  /** Throws unless the whole message has been consumed. */
  expectEnd(what: string): void {
    if (this.pos !== this.end) {
      throw new ProtocolError(`${what} has ${this.end - this.pos} unexpected trailing byte(s) at offset ${this.pos}`);
    }
  }
}
