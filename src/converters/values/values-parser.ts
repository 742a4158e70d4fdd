/**
 * Kafka 3.9's Values.parseString, which SimpleHeaderConverter uses to give header text a schema:
 *
 * - `true` / `false` → boolean; `null` → no value;
 * - integers → the narrowest of int8, int16, int32, int64; other numbers → float32 when finite as a
 *   float, else float64, else a Decimal (e.g. integers beyond 10^19);
 * - `yyyy-MM-dd`, `HH:mm:ss.SSSZ`, `yyyy-MM-ddTHH:mm:ss.SSSZ` → Date, Time, Timestamp (UTC; Java uses the
 *   JVM's zone), parsed leniently like SimpleDateFormat (out-of-range fields roll over);
 * - `[…]` → array and `{k:v,…}` → map, elements parsed the same way (strings quoted), their schemas
 *   merged; a list or map that does not parse falls back to the whole text as a string;
 * - anything else → the text as a string.
 *
 * The tokenizer splits on `: , { } [ ] "` unless escaped by a backslash, which stays in the text, and
 * skips whitespace-only tokens where it looks for delimiters, as Kafka's does (so `" "` quoted inside a
 * list reads as the empty string).
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import type { SchemaAndValue } from '../../api/converter.js';
import { DataError } from '../../api/errors.js';
import { decimalTextToFloat } from '../java/number-format.js';
import { convertTo, SchemaMerger } from './values-convert.js';

const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"']);

/** Java's String.trim: strips characters up to U+0020 only. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const isBlank = (text: string | null) => text === null || javaTrim(text) === '';

/** Kafka's Values.Parser: a tokenizer with one token of lookahead that can be marked and rewound. */
class Tokenizer {
  private index = 0;
  private lookahead: string | null = null;
  private last: string | null = null;

  constructor(readonly original: string) {}

  position(): number {
    return this.index;
  }

  mark(): number {
    return this.index - (this.lookahead?.length ?? 0);
  }

  rewindTo(position: number): void {
    this.index = position;
    this.lookahead = null;
    this.last = null;
  }

  hasNext(): boolean {
    return this.lookahead !== null || this.index < this.original.length;
  }

  next(): string {
    if (this.lookahead !== null) {
      this.last = this.lookahead;
      this.lookahead = null;
    } else {
      this.last = this.consume();
    }
    return this.last;
  }

  /** The text of the next n tokens, or null (and nothing consumed) when there are fewer. */
  nextTokens(n: number): string | null {
    const start = this.mark();
    for (let i = 0; i < n; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return null;
      }
      this.next();
    }
    return this.original.slice(start, this.position());
  }

  previous(): string | null {
    return this.last;
  }

  /** Consumes the next token if, trimmed, it is `expected`; whitespace-only tokens on the way are dropped. */
  canConsume(expected: string): boolean {
    if (this.lookahead === null) {
      if (!this.hasNext()) return false;
      this.lookahead = this.consume();
    }
    while (isBlank(this.lookahead) && this.index < this.original.length) this.lookahead = this.consume();
    if (javaTrim(this.lookahead as string) !== expected) return false;
    this.lookahead = null;
    return true;
  }

  private consume(): string {
    const text = this.original;
    const start = this.index;
    let escaped = false;
    while (this.index < text.length) {
      const c = text[this.index] as string;
      if (c === '\\') escaped = !escaped;
      else if (DELIMITERS.has(c) && !escaped) {
        if (start < this.index) return text.slice(start, this.index);
        this.index++;
        return c;
      } else escaped = false;
      this.index++;
    }
    return text.slice(start, this.index);
  }
}

type Parsed = SchemaAndValue | null;

const TRUE: SchemaAndValue = { schema: Schemas.BOOLEAN, value: true };
const FALSE: SchemaAndValue = { schema: Schemas.BOOLEAN, value: false };

/** Values.parseString; a Java null result (the text `null`) is returned as no schema and no value. */
export function parseValuesString(text: string | null): SchemaAndValue {
  if (text === null) return { schema: null, value: null };
  if (text === '') return { schema: Schemas.STRING, value: text };
  return new ValueParser(new Tokenizer(text)).parse(false) ?? { schema: null, value: null };
}

class ValueParser {
  constructor(private readonly tokens: Tokenizer) {}

  private literal(embedded: boolean, word: string): boolean {
    const start = this.tokens.mark();
    // At the top level a literal must be the whole text: "true}" is a string.
    if (this.tokens.canConsume(word) && (embedded || !this.tokens.hasNext())) return true;
    this.tokens.rewindTo(start);
    return false;
  }

  parse(embedded: boolean): Parsed {
    const tokens = this.tokens;
    if (!tokens.hasNext()) return null;
    if (embedded && tokens.canConsume('"')) return this.quotedString();
    if (this.literal(embedded, 'null')) return null;
    if (this.literal(embedded, 'true')) return TRUE;
    if (this.literal(embedded, 'false')) return FALSE;
    const start = tokens.mark();
    try {
      if (tokens.canConsume('[')) return this.array();
      if (tokens.canConsume('{')) return this.map();
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      tokens.rewindTo(start);
    }
    const token = tokens.next();
    if (isBlank(token)) return { schema: Schemas.STRING, value: token };
    return this.token(embedded, javaTrim(token));
  }

  private token(embedded: boolean, token: string): SchemaAndValue {
    const first = token.charCodeAt(0);
    const digit = first >= 0x30 && first <= 0x39;
    if (digit) {
      const temporal = this.temporalTokens(token);
      if (temporal) return temporal;
    }
    if (digit || first === 0x2b || first === 0x2d) {
      const number = parseNumber(token);
      if (number) return number;
    }
    if (embedded) throw new DataError('Failed to parse embedded value');
    return { schema: Schemas.STRING, value: this.tokens.original };
  }

  private quotedString(): SchemaAndValue {
    let content = '';
    while (this.tokens.hasNext()) {
      if (this.tokens.canConsume('"')) break;
      content += this.tokens.next();
    }
    return parseTemporal(content) ?? { schema: Schemas.STRING, value: content };
  }

  private array(): SchemaAndValue {
    const tokens = this.tokens;
    const values: unknown[] = [];
    const merger = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume(']')) {
        const element = merger.schema;
        if (!element) return { schema: arrayOfNull(), value: values };
        return { schema: SchemaBuilder.array(element).build(), value: values.map((v) => convertTo(element, v)) };
      }
      if (tokens.canConsume(',')) throw new DataError(`Unable to parse an empty array element: ${tokens.original}`);
      const element = this.parse(true);
      merger.merge(element?.schema);
      values.push(element ? element.value : null);
      const current = tokens.mark();
      if (tokens.canConsume(']')) tokens.rewindTo(current);
      else if (!tokens.canConsume(',')) throw new DataError("Array elements missing ',' delimiter");
    }
    if (tokens.previous() === ',') throw new DataError(`Array is missing element after ',': ${tokens.original}`);
    throw new DataError(`Array is missing terminating ']': ${tokens.original}`);
  }

  private map(): SchemaAndValue {
    const tokens = this.tokens;
    const entries = new Map<unknown, unknown>();
    const keys = new SchemaMerger();
    const values = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume('}')) {
        const keySchema = keys.schema;
        const valueSchema = values.schema;
        if (keySchema && valueSchema) {
          const aligned = new Map([...entries].map(([k, v]) => [convertTo(keySchema, k), convertTo(valueSchema, v)]));
          return { schema: SchemaBuilder.map(keySchema, valueSchema).build(), value: aligned };
        }
        if (keySchema) {
          const aligned = new Map([...entries].map(([k, v]) => [convertTo(keySchema, k), v]));
          return { schema: mapOfNull(keySchema), value: aligned };
        }
        return { schema: mapOfNull(null), value: entries };
      }
      if (tokens.canConsume(',')) throw new DataError(`Unable to parse a map entry with no key or value: ${tokens.original}`);
      const key = this.parse(true);
      if (key === null || key.value === null) throw new DataError(`Map entry may not have a null key: ${tokens.original}`);
      if (!tokens.canConsume(':')) throw new DataError(`Map entry is missing ':' at ${tokens.position()} in ${tokens.original}`);
      const value = this.parse(true);
      entries.set(key.value, value ? value.value : null);
      tokens.canConsume(',');
      keys.merge(key.schema);
      values.merge(value?.schema);
    }
    if (tokens.previous() === ',') throw new DataError(`Map is missing element after ',': ${tokens.original}`);
    throw new DataError(`Map is missing terminating '}': ${tokens.original}`);
  }

  /** A time or timestamp literal is split by its colons into five tokens; try them together first. */
  private temporalTokens(token: string): SchemaAndValue | null {
    const position = this.tokens.mark();
    const remainder = this.tokens.nextTokens(4);
    if (remainder !== null) {
      const temporal = parseTemporal(token + remainder);
      if (temporal) return temporal;
    }
    this.tokens.rewindTo(position);
    return parseTemporal(token);
  }
}

/** Kafka's SchemaBuilder.arrayOfNull / mapOfNull / mapWithNullValues: element schemas left unknown (null). */
function arrayOfNull(): Schema {
  return SchemaBuilder.array(null as unknown as Schema).build();
}

function mapOfNull(keySchema: Schema | null): Schema {
  return SchemaBuilder.map(keySchema as Schema, null as unknown as Schema).build();
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const BIGGER_THAN_LONG = 10n ** 19n;

const JAVA_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/;

/** Values.parseAsNumber; undefined where Java's BigDecimal constructor would reject the text. */
function parseNumber(token: string): SchemaAndValue | undefined {
  const syntax = JAVA_DECIMAL.exec(token);
  if (!syntax || Math.abs(Number(syntax[2] ?? 0)) > 2147483647) return undefined;
  const decimal = BigDecimal.parse(token);
  const exact = exactInteger(decimal);
  if (exact) return exact;
  // Java's BigDecimal.floatValue keeps the sign of a value too small for a float: -1e-50 is -0.0.
  const asFloat = decimalTextToFloat(token);
  if (Number.isFinite(asFloat) && decimal.scale !== 0) return { schema: Schemas.FLOAT32, value: asFloat };
  const asDouble = Number(token);
  if (Number.isFinite(asDouble) && decimal.scale !== 0) return { schema: Schemas.FLOAT64, value: asDouble };
  return { schema: Decimal.schema(decimal.scale), value: decimal };
}

/** Values.parseAsExactDecimal: whole numbers from 1 to 10^19 in magnitude (or zero), as the narrowest integer. */
function exactInteger(decimal: BigDecimal): SchemaAndValue | undefined {
  const unscaled = decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled;
  if (unscaled === 0n) return { schema: Schemas.INT8, value: 0 };
  // Digit counts first, so that exponents like 1e-999999 never build huge powers of ten.
  const magnitude = unscaled.toString().length - decimal.scale;
  if (magnitude > 20 || magnitude <= 0) return undefined;
  const scale = BigInt(decimal.scale);
  // |decimal| > 10^19, or 0 < |decimal| < 1: not an integer candidate.
  if (scale >= 0n ? unscaled > BIGGER_THAN_LONG * 10n ** scale : unscaled * 10n ** -scale > BIGGER_THAN_LONG) return undefined;
  if (scale > 0n && unscaled % 10n ** scale !== 0n) return undefined;
  const integral = scale >= 0n ? decimal.unscaled / 10n ** scale : decimal.unscaled * 10n ** -scale;
  if (integral < LONG_MIN || integral > LONG_MAX) return undefined;
  if (integral >= -128n && integral <= 127n) return { schema: Schemas.INT8, value: Number(integral) };
  if (integral >= -32768n && integral <= 32767n) return { schema: Schemas.INT16, value: Number(integral) };
  if (integral >= -2147483648n && integral <= 2147483647n) return { schema: Schemas.INT32, value: Number(integral) };
  const value = integral >= -9007199254740991n && integral <= 9007199254740991n ? Number(integral) : integral;
  return { schema: Schemas.INT64, value };
}

interface TemporalPattern {
  readonly length: number;
  readonly schema: Schema;
  /** Fields in order, separated by these literal characters. */
  readonly shape: RegExp;
  build(fields: number[]): number;
}

function utc(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, millis = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, millis);
  return date.getTime();
}

const TEMPORAL: readonly TemporalPattern[] = [
  { length: 13, schema: TimeLogical.SCHEMA, shape: /^(\d+):(\d+):(\d+)\.(\d+)Z/, build: ([h, m, s, ms]) => utc(1970, 1, 1, h, m, s, ms) },
  { length: 24, schema: TimestampLogical.SCHEMA, shape: /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)Z/, build: ([y, mo, d, h, m, s, ms]) => utc(y as number, mo as number, d as number, h, m, s, ms) },
  { length: 10, schema: DateLogical.SCHEMA, shape: /^(\d+)-(\d+)-(\d+)/, build: ([y, mo, d]) => utc(y as number, mo as number, d as number) },
];

/**
 * Values.parseAsTemporal: by length, the time, timestamp or date pattern, matched as a prefix with
 * fields of any number of digits and rolled over when out of range, as a lenient SimpleDateFormat does.
 */
function parseTemporal(text: string): SchemaAndValue | null {
  const token = text.replaceAll('\\:', ':');
  const pattern = TEMPORAL.find((p) => p.length === token.length);
  if (!pattern) return null;
  const match = pattern.shape.exec(token);
  if (!match) return null;
  const millis = pattern.build(match.slice(1).map(Number));
  if (!Number.isFinite(millis)) return null;
  return { schema: pattern.schema, value: new Date(millis) };
}

