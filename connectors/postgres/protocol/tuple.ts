import { ProtocolError, type ByteReader } from './reader.js';

/** How a column arrives in pgoutput TupleData: kinds `n`, `u`, `t` and `b` of the protocol. */
export type TupleColumnKind = 'null' | 'unchanged-toast' | 'text' | 'binary';

/** One column of a tuple, materialised. `bytes` is a view into the received message, not a copy. */
export type TupleColumn =
  | { readonly kind: 'null' }
  | { readonly kind: 'unchanged-toast' }
  | { readonly kind: 'text'; readonly bytes: Uint8Array }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array };

/** Marks a TOASTed column whose value did not change and was not sent (kind `u`). */
export const UNCHANGED_TOAST: unique symbol = Symbol('unchanged-toast');

/** A column's value: text decoded as UTF-8, binary as a byte view, SQL NULL as null. */
export type TupleValue = string | Uint8Array | null | typeof UNCHANGED_TOAST;

const KIND_NULL = 0x6e; // 'n'
const KIND_UNCHANGED = 0x75; // 'u'
const KIND_TEXT = 0x74; // 't'
const KIND_BINARY = 0x62; // 'b'

const NULL_COLUMN: TupleColumn = Object.freeze({ kind: 'null' });
const UNCHANGED_COLUMN: TupleColumn = Object.freeze({ kind: 'unchanged-toast' });

/*
 * Column positions live in shared slabs rather than one array per tuple: a tuple records where its slice of
 * the current slab starts. A full slab is replaced, never reused, so older tuples keep valid positions.
 */
const SLAB_SIZE = 16_384;
let slab = new Int32Array(SLAB_SIZE);
let slabUsed = 0;

function reserve(count: number): number {
  if (slabUsed + count > slab.length) {
    slab = new Int32Array(Math.max(SLAB_SIZE, count));
    slabUsed = 0;
  }
  const base = slabUsed;
  slabUsed += count;
  return base;
}

/**
 * The TupleData of an Insert, Update or Delete: the columns in the relation's column order. Decoding only
 * records where each column starts; values are read on access, as views into the message or as strings.
 */
export class TupleData {
  /** Number of columns. */
  readonly count: number;
  readonly #buffer: Buffer;
  readonly #positions: Int32Array;
  readonly #base: number;
  readonly #start: number;
  readonly #end: number;

  private constructor(buffer: Buffer, positions: Int32Array, base: number, count: number, start: number, end: number) {
    this.#buffer = buffer;
    this.#positions = positions;
    this.#base = base;
    this.count = count;
    this.#start = start;
    this.#end = end;
  }

  /** Reads a TupleData (Int16 count, then the columns) at the reader's position, validating every column. */
  static read(reader: ByteReader): TupleData {
    const start = reader.pos;
    const count = reader.u16('TupleData column count');
    const buffer = reader.buffer;
    const end = reader.end;
    const base = reserve(count);
    const positions = slab;
    let pos = reader.pos;
    for (let i = 0; i < count; i++) {
      if (pos >= end) throw new ProtocolError(`truncated TupleData: column ${i + 1} of ${count} missing at offset ${pos}`);
      positions[base + i] = pos;
      const kind = buffer[pos] as number;
      if (kind === KIND_TEXT || kind === KIND_BINARY) {
        if (pos + 5 > end) throw new ProtocolError(`truncated TupleData: length of column ${i + 1} at offset ${pos + 1}`);
        const length =
          (((buffer[pos + 1] as number) << 24) | ((buffer[pos + 2] as number) << 16) | ((buffer[pos + 3] as number) << 8) | (buffer[pos + 4] as number)) >>>
          0;
        pos += 5 + length;
        if (pos > end) throw new ProtocolError(`truncated TupleData: column ${i + 1} needs ${length} byte(s), message ends at ${end}`);
      } else if (kind === KIND_NULL || kind === KIND_UNCHANGED) {
        pos += 1;
      } else {
        throw new ProtocolError(`unknown TupleData column kind 0x${kind.toString(16)} for column ${i + 1} at offset ${pos}`);
      }
    }
    reader.pos = pos;
    return new TupleData(buffer, positions, base, count, start, pos);
  }

  /** The tuple's encoded size in bytes, including its column count. */
  get byteLength(): number {
    return this.#end - this.#start;
  }

  /** The encoded tuple (column count and columns), a view into the message. */
  raw(): Uint8Array {
    return this.#buffer.subarray(this.#start, this.#end);
  }

  #at(index: number): number {
    if (!(index >= 0 && index < this.count)) throw new RangeError(`column index ${index} out of range 0..${this.count - 1}`);
    return this.#positions[this.#base + index] as number;
  }

  kind(index: number): TupleColumnKind {
    const code = this.#buffer[this.#at(index)];
    return code === KIND_TEXT ? 'text' : code === KIND_NULL ? 'null' : code === KIND_UNCHANGED ? 'unchanged-toast' : 'binary';
  }

  isNull(index: number): boolean {
    return this.#buffer[this.#at(index)] === KIND_NULL;
  }

  isUnchangedToast(index: number): boolean {
    return this.#buffer[this.#at(index)] === KIND_UNCHANGED;
  }

  /** The bytes of a text or binary column (a view), undefined for null and unchanged-toast columns. */
  bytes(index: number): Buffer | undefined {
    const pos = this.#at(index);
    const b = this.#buffer;
    const kind = b[pos];
    if (kind !== KIND_TEXT && kind !== KIND_BINARY) return undefined;
    return b.subarray(pos + 5, pos + 5 + this.#length(pos));
  }

  /** A text column decoded as UTF-8; undefined for every other kind. */
  text(index: number): string | undefined {
    const pos = this.#at(index);
    if (this.#buffer[pos] !== KIND_TEXT) return undefined;
    return this.#buffer.toString('utf8', pos + 5, pos + 5 + this.#length(pos));
  }

  /** The column's value: a string (text), a byte view (binary), null, or UNCHANGED_TOAST. */
  value(index: number): TupleValue {
    const pos = this.#at(index);
    const b = this.#buffer;
    switch (b[pos]) {
      case KIND_TEXT:
        return b.toString('utf8', pos + 5, pos + 5 + this.#length(pos));
      case KIND_BINARY:
        return b.subarray(pos + 5, pos + 5 + this.#length(pos));
      case KIND_NULL:
        return null;
      default:
        return UNCHANGED_TOAST;
    }
  }

  /** Every column's value, in order. */
  values(): TupleValue[] {
    const out = new Array<TupleValue>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.value(i);
    return out;
  }

  /** One column as a tagged object. */
  column(index: number): TupleColumn {
    const pos = this.#at(index);
    const b = this.#buffer;
    switch (b[pos]) {
      case KIND_TEXT:
        return { kind: 'text', bytes: b.subarray(pos + 5, pos + 5 + this.#length(pos)) };
      case KIND_BINARY:
        return { kind: 'binary', bytes: b.subarray(pos + 5, pos + 5 + this.#length(pos)) };
      case KIND_NULL:
        return NULL_COLUMN;
      default:
        return UNCHANGED_COLUMN;
    }
  }

  /** Every column as a tagged object, in order. */
  columns(): TupleColumn[] {
    const out = new Array<TupleColumn>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.column(i);
    return out;
  }

  #length(pos: number): number {
    const b = this.#buffer;
    return (((b[pos + 1] as number) << 24) | ((b[pos + 2] as number) << 16) | ((b[pos + 3] as number) << 8) | (b[pos + 4] as number)) >>> 0;
  }
}
