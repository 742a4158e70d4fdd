/**
 * The input of the file pipeline: numbered lines, most of them JSON objects the sink can convert, some of
 * them deliberately poisonous. The source reads lines as raw strings (StringConverter), so poison only bites
 * on the sink side: lines that are not JSON fail the sink's JsonConverter (stage VALUE_CONVERTER), and JSON
 * arrays convert but fail the first SMT, which needs a map (stage TRANSFORMATION).
 */
import { appendFile } from 'node:fs/promises';

export type LineKind = 'good' | 'converter-poison' | 'transform-poison';

export interface InputLine {
  readonly seq: number;
  readonly kind: LineKind;
  /** The line without its newline, exactly as written to the input file. */
  readonly text: string;
}

/** Every 97th line is not JSON; every 101st (that is not also a 97th) is a JSON array. The last line is good. */
export function lineKind(seq: number): LineKind {
  if (seq % 97 === 0) return 'converter-poison';
  if (seq % 101 === 0) return 'transform-poison';
  return 'good';
}

export function inputLine(seq: number): InputLine {
  const kind = lineKind(seq);
  switch (kind) {
    case 'good':
      return { seq, kind, text: JSON.stringify({ seq, text: `line ${seq}`, secret: `s3cr3t-${seq}` }) };
    case 'converter-poison':
      // Multi-byte UTF-8 on purpose: the DLQ must hold the original bytes, not a re-encoding.
      return { seq, kind, text: `POISON ${seq} «not json» ✗ {` };
    case 'transform-poison':
      return { seq, kind, text: JSON.stringify([seq, 'an array, not an object']) };
  }
}

export function inputLines(count: number): InputLine[] {
  return Array.from({ length: count }, (_, i) => inputLine(i + 1));
}

/**
 * What FileStreamSink writes for a good line after the sink's chain: JsonConverter (schemaless map) →
 * InsertField$Value (static `via`, gated by a predicate that matches the topic) → ReplaceField$Value (drops
 * `secret`, renames `text` to `body`) → Filter (gated by a predicate that never matches, so it never runs) →
 * HoistField$Value (wraps the map in `line`), printed as Java's Map.toString.
 */
export function expectedOutputLine(seq: number): string {
  return `{line={seq=${seq}, body=line ${seq}, via=tidewater}}`;
}

/** The sequence number of a line the sink wrote, or undefined when the line is not one the pipeline can produce. */
export function seqOfOutputLine(line: string): number | undefined {
  const match = /^\{line=\{seq=(\d+), body=line \1, via=tidewater\}\}$/.exec(line);
  if (!match) return undefined;
  const seq = Number(match[1]);
  return lineKind(seq) === 'good' && expectedOutputLine(seq) === line ? seq : undefined;
}

/** The sequence number encoded in an input line's bytes (as read back from the topic or the DLQ). */
export function seqOfInputText(text: string): number | undefined {
  const match = /^(?:\{"seq":|POISON |\[)(\d+)[,\s]/.exec(text);
  if (!match) return undefined;
  const seq = Number(match[1]);
  return inputLine(seq).text === text ? seq : undefined;
}

/**
 * Appends lines to the input file the way a live application would: in chunks, each chunk in two writes
 * split at a byte in the middle of a line (sometimes inside a multi-byte character), so the source sees
 * partial lines at the end of the file.
 */
export class InputWriter {
  private next = 0;

  constructor(
    private readonly file: string,
    private readonly lines: readonly InputLine[],
  ) {}

  /** Lines written so far. */
  get written(): number {
    return this.next;
  }

  get finished(): boolean {
    return this.next >= this.lines.length;
  }

  /** Appends the next `count` lines (fewer at the end); resolves when both writes returned. */
  async appendChunk(count: number): Promise<void> {
    const chunk = this.lines.slice(this.next, this.next + count);
    if (chunk.length === 0) return;
    const bytes = Buffer.from(chunk.map((l) => `${l.text}\n`).join(''), 'utf8');
    // Split inside the last line of the chunk: past its first byte, before its newline.
    const lastLineBytes = Buffer.byteLength(`${(chunk[chunk.length - 1] as InputLine).text}\n`, 'utf8');
    const splitAt = bytes.length - Math.ceil(lastLineBytes / 2);
    await appendFile(this.file, bytes.subarray(0, splitAt));
    await appendFile(this.file, bytes.subarray(splitAt));
    this.next += chunk.length;
  }

  /** Appends chunks until `stopAfter` lines are written (or all), pausing `pauseMs` between chunks. */
  async appendUntil(stopAfter: number, chunkSize: number, pauseMs: number): Promise<void> {
    while (this.next < Math.min(stopAfter, this.lines.length)) {
      await this.appendChunk(Math.min(chunkSize, stopAfter - this.next));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
