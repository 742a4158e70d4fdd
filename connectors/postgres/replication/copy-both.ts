import type { Duplex } from 'node:stream';

/*
 * Takes over a pg connection's socket for CopyBoth mode. pg's own parser hands out CopyData chunks as views
 * into a buffer it later overwrites, and cannot be paused, so while replication runs this splitter sits in
 * front of it: it cuts the byte stream into backend messages, keeps CopyData for itself (as views into the
 * socket's own chunks, which Node never reuses), and passes every other message (ErrorResponse,
 * CommandComplete, ReadyForQuery, notices) to pg unchanged, so pg still completes or fails the
 * START_REPLICATION query. Uninstalling gives the socket back to pg.
 */

export interface CopyBothSink {
  /** The body of one CopyData message: `buffer[start, end)`. The bytes are never modified afterwards. */
  onCopyData(buffer: Buffer, start: number, end: number): void;
  /** CopyBothResponse ('W'): the server entered CopyBoth mode. */
  onCopyBothStart(): void;
  /** CopyDone ('c') from the server: it will send no more CopyData. */
  onCopyDone(): void;
}

type DataListener = (chunk: Buffer) => void;

const COPY_DATA = 0x64; // d
const COPY_BOTH_RESPONSE = 0x57; // W
const COPY_DONE = 0x63; // c
const HEADER = 5;

export class CopyBothSplitter {
  readonly #stream: Duplex;
  readonly #sink: CopyBothSink;
  #pgListeners: DataListener[] = [];
  #installed = false;
  readonly #onData = (chunk: Buffer): void => this.#consume(chunk);
  /** A message split across chunks: its bytes so far (header first). */
  #partial: Buffer | undefined;
  #partialFilled = 0;
  readonly #header = Buffer.alloc(HEADER);
  #headerFilled = 0;

  constructor(options: { stream: Duplex; sink: CopyBothSink }) {
    this.#stream = options.stream;
    this.#sink = options.sink;
  }

  /** Replaces pg's data listener(s) with the splitter. The connection must be idle (between queries). */
  install(): void {
    if (this.#installed) return;
    this.#pgListeners = this.#stream.listeners('data') as DataListener[];
    // Add first, then remove: a flowing stream with no 'data' listener would drop chunks.
    this.#stream.on('data', this.#onData);
    for (const listener of this.#pgListeners) this.#stream.removeListener('data', listener);
    this.#installed = true;
  }

  /** Gives the socket back to pg, passing on any partial message already read. */
  uninstall(): void {
    if (!this.#installed) return;
    for (const listener of this.#pgListeners) this.#stream.on('data', listener);
    this.#stream.removeListener('data', this.#onData);
    this.#installed = false;
    const pending =
      this.#headerFilled > 0
        ? Buffer.from(this.#header.subarray(0, this.#headerFilled))
        : this.#partial
          ? this.#partial.subarray(0, this.#partialFilled)
          : undefined;
    this.#headerFilled = 0;
    this.#partial = undefined;
    this.#partialFilled = 0;
    if (pending && pending.length > 0) this.#toPg(pending);
  }

  #toPg(message: Buffer): void {
    for (const listener of this.#pgListeners) listener(message);
  }

  #dispatch(buffer: Buffer, start: number, end: number): void {
    const type = buffer[start];
    if (type === COPY_DATA) {
      this.#sink.onCopyData(buffer, start + HEADER, end);
      return;
    }
    if (type === COPY_BOTH_RESPONSE) this.#sink.onCopyBothStart();
    else if (type === COPY_DONE) this.#sink.onCopyDone();
    this.#toPg(start === 0 && end === buffer.length ? buffer : buffer.subarray(start, end));
  }

  #consume(chunk: Buffer): void {
    let pos = 0;
    const length = chunk.length;
    if (this.#headerFilled > 0) {
      const take = Math.min(HEADER - this.#headerFilled, length);
      chunk.copy(this.#header, this.#headerFilled, 0, take);
      this.#headerFilled += take;
      pos = take;
      if (this.#headerFilled < HEADER) return;
      this.#headerFilled = 0;
      this.#partial = Buffer.allocUnsafe(1 + this.#header.readUInt32BE(1));
      this.#header.copy(this.#partial, 0);
      this.#partialFilled = HEADER;
    }
    if (this.#partial) {
      const partial = this.#partial;
      const take = Math.min(partial.length - this.#partialFilled, length - pos);
      chunk.copy(partial, this.#partialFilled, pos, pos + take);
      this.#partialFilled += take;
      pos += take;
      if (this.#partialFilled < partial.length) return;
      this.#partial = undefined;
      this.#partialFilled = 0;
      this.#dispatch(partial, 0, partial.length);
    }
    while (pos < length) {
      if (length - pos < HEADER) {
        chunk.copy(this.#header, 0, pos, length);
        this.#headerFilled = length - pos;
        return;
      }
      const end = pos + 1 + chunk.readUInt32BE(pos + 1);
      if (end > length) {
        const partial = Buffer.allocUnsafe(end - pos);
        chunk.copy(partial, 0, pos, length);
        this.#partial = partial;
        this.#partialFilled = length - pos;
        return;
      }
      this.#dispatch(chunk, pos, end);
      pos = end;
    }
  }
}
