/**
 * Kafka's Values.parseString, which InsertHeader uses to give `value.literal` a type: `null`, `true`/`false`,
 * integers as the smallest of INT8/16/32/64 that holds them, other numbers as FLOAT32 (FLOAT64 or Decimal when
 * out of range), ISO-8601 `yyyy-MM-dd` / `HH:mm:ss.SSS'Z'` / `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` as Date / Time /
 * Timestamp (`:` escaped as `\:` or not), JSON-like arrays and maps with a common element schema, and
 * anything else as the string itself.
 *
 * Temporal literals are read in UTC (Kafka reads them in the worker's default time zone, which is UTC in
 * the usual container images).
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { Schemas, type Schema } from '../../api/data/schema.js';
import { DataError } from '../../api/errors.js';
import type { SchemaAndValue } from '../../api/converter.js';
import { JavaDateFormat } from './java-date-format.js';

const DELIMITERS = ':,{}[]"';
const TEMPORAL_FORMATS: ReadonlyArray<readonly [number, string, Schema]> = [
  [13, "HH:mm:ss.SSS'Z'", TimeLogical.SCHEMA],
  [24, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", TimestampLogical.SCHEMA],
  [10, 'yyyy-MM-dd', DateLogical.SCHEMA],
];
const TEMPORAL_NAMES = new Set(TEMPORAL_FORMATS.map(([, , schema]) => schema.name));

/** Values.Parser: splits on the delimiters `: , { } [ ] "` (unless escaped with `\`), keeping them as tokens. */
class Tokenizer {
  private index = 0;
  private pending: string | null = null;
  previous: string | null = null;

  constructor(readonly original: string) {}

  mark(): number {
    return this.index - (this.pending?.length ?? 0);
  }

  rewindTo(position: number): void {
    this.index = position;
    this.pending = null;
    this.previous = null;
  }

  hasNext(): boolean {
    return this.pending !== null || this.index < this.original.length;
  }

  next(): string {
    this.previous = this.pending ?? this.consume();
    this.pending = null;
    return this.previous;
  }

  /** The text of the next `n` tokens, or null (and no move) when there are fewer. */
  nextTokens(n: number): string | null {
    const start = this.mark();
    for (let i = 0; i < n; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return null;
      }
      this.next();
    }
    return this.original.slice(start, this.index);
  }

  /** Consumes the next token if it is `expected`, ignoring surrounding whitespace. */
  canConsume(expected: string): boolean {
    if (this.pending === null) {
      if (!this.hasNext()) return false;
      this.pending = this.consume();
    }
    while (this.pending.trim() === '' && this.index < this.original.length) this.pending = this.consume();
    if (this.pending.trim() !== expected) return false;
    this.pending = null;
    return true;
  }

  private consume(): string {
    const start = this.index;
    let escaped = false;
    while (this.index < this.original.length) {
      const c = this.original.charAt(this.index);
      if (c === '\\') {
        escaped = !escaped;
      } else if (DELIMITERS.includes(c) && !escaped) {
        if (start < this.index) return this.original.slice(start, this.index);
        this.index++;
        return c;
      } else {
        escaped = false;
      }
      this.index++;
    }
    return this.original.slice(start, this.index);
  }
}

const NUMERIC_ORDER = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'];

/** Values.commonSchemaFor: the wider of two numeric schemas, the same schema, or null when they differ. */
function commonSchema(previous: Schema | null, latest: SchemaAndValue | null): Schema | null {
  if (!latest) return previous;
  if (!previous || !latest.schema) return latest.schema;
  const next = latest.schema;
  if (previous.type !== next.type) {
    const [a, b] = [NUMERIC_ORDER.indexOf(previous.type), NUMERIC_ORDER.indexOf(next.type)];
    return a < 0 || b < 0 ? null : a > b ? previous : next;
  }
  return next;
}

/** Values.convertTo for aligning collection members with their common schema. */
function align(schema: Schema, value: unknown): unknown {
  if (value === null || schema.name !== null) return value;
  if (schema.type === 'string') return typeof value === 'string' ? value : String(value);
  if (!NUMERIC_ORDER.includes(schema.type)) return value;
  const numeric = typeof value === 'string' ? Number(value) : typeof value === 'bigint' || typeof value === 'number' ? value : NaN;
  if (typeof numeric === 'number' && Number.isNaN(numeric)) throw new DataError(`Unable to convert ${String(value)} to a number`);
  return schema.type === 'int64' ? numeric : Number(numeric);
}

/** A float literal as Java's Float holds it: the shortest decimal that rounds to the same float32. */
function float32Of(value: number): number {
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}

function parseNumber(token: string): SchemaAndValue | null {
  let decimal: BigDecimal;
  try {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) return null;
    decimal = BigDecimal.parse(token.replace(/^\+/, ''));
  } catch {
    return null;
  }
  const integral = decimal.scale <= 0 ? decimal.unscaled * 10n ** BigInt(-decimal.scale) : decimal.unscaled % 10n ** BigInt(decimal.scale) === 0n ? decimal.unscaled / 10n ** BigInt(decimal.scale) : null;
  if (integral !== null) {
    const fits = (bits: bigint): boolean => integral >= -(1n << (bits - 1n)) && integral < 1n << (bits - 1n);
    if (fits(8n)) return { schema: Schemas.INT8, value: Number(integral) };
    if (fits(16n)) return { schema: Schemas.INT16, value: Number(integral) };
    if (fits(32n)) return { schema: Schemas.INT32, value: Number(integral) };
    if (fits(64n)) return { schema: Schemas.INT64, value: Number.isSafeInteger(Number(integral)) ? Number(integral) : integral };
  }
  const double = Number(token);
  if (decimal.scale !== 0 && Number.isFinite(Math.fround(double))) return { schema: Schemas.FLOAT32, value: float32Of(double) };
  if (decimal.scale !== 0 && Number.isFinite(double)) return { schema: Schemas.FLOAT64, value: double };
  return { schema: Decimal.schema(decimal.scale), value: decimal };
}

function parseTemporal(token: string): SchemaAndValue | null {
  const text = token.replace(/\\:/g, ':');
  for (const [length, pattern, schema] of TEMPORAL_FORMATS) {
    if (text.length !== length) continue;
    try {
      return { schema, value: new JavaDateFormat(pattern).parse(text) };
    } catch {
      return null;
    }
  }
  return null;
}

function parseArray(tokens: Tokenizer): SchemaAndValue {
  const values: unknown[] = [];
  let elementSchema: Schema | null = null;
  while (tokens.hasNext()) {
    if (tokens.canConsume(']')) {
      if (!elementSchema) return { schema: collectionOfNulls('array'), value: values };
      const schema = elementSchema;
      return { schema: arraySchema(schema), value: values.map((v) => align(schema, v)) };
    }
    if (tokens.canConsume(',')) throw new DataError(`Unable to parse an empty array element: ${tokens.original}`);
    const element = parseValue(tokens, true);
    elementSchema = commonSchema(elementSchema, element);
    values.push(element?.value ?? null);
    const position = tokens.mark();
    if (tokens.canConsume(']')) tokens.rewindTo(position);
    else if (!tokens.canConsume(',')) throw new DataError("Array elements missing ',' delimiter");
  }
  throw new DataError(`Array is missing terminating ']': ${tokens.original}`);
}

function parseMap(tokens: Tokenizer): SchemaAndValue {
  const entries = new Map<unknown, unknown>();
  let keySchema: Schema | null = null;
  let valueSchema: Schema | null = null;
  while (tokens.hasNext()) {
    if (tokens.canConsume('}')) {
      const [k, v] = [keySchema, valueSchema];
      if (!k) return { schema: collectionOfNulls('map'), value: entries };
      const aligned = new Map([...entries].map(([key, value]) => [align(k, key), v ? align(v, value) : value]));
      return { schema: mapSchema(k, v), value: aligned };
    }
    if (tokens.canConsume(',')) throw new DataError(`Unable to parse a map entry with no key or value: ${tokens.original}`);
    const key = parseValue(tokens, true);
    if (key?.value == null) throw new DataError(`Map entry may not have a null key: ${tokens.original}`);
    if (!tokens.canConsume(':')) throw new DataError(`Map entry is missing ':' in ${tokens.original}`);
    const value = parseValue(tokens, true);
    entries.set(key.value, value?.value ?? null);
    tokens.canConsume(',');
    keySchema = commonSchema(keySchema, key);
    valueSchema = commonSchema(valueSchema, value);
  }
  throw new DataError(`Map is missing terminating '}': ${tokens.original}`);
}

// Kafka builds these with SchemaBuilder.array/map; a null member schema ("every value is null") has no
// builder call here, so the schema objects are written out.
function arraySchema(valueSchema: Schema): Schema {
  return Object.freeze({ ...Schemas.STRING, type: 'array', valueSchema });
}
function mapSchema(keySchema: Schema, valueSchema: Schema | null): Schema {
  return Object.freeze({ ...Schemas.STRING, type: 'map', keySchema, valueSchema });
}
function collectionOfNulls(type: 'array' | 'map'): Schema {
  return Object.freeze({ ...Schemas.STRING, type });
}

/** Values.parse: one value, or null for the literal `null`. */
function parseValue(tokens: Tokenizer, embedded: boolean): SchemaAndValue | null {
  if (!tokens.hasNext()) return null;
  if (embedded && tokens.canConsume('"')) {
    let content = '';
    while (tokens.hasNext() && !tokens.canConsume('"')) content += tokens.next();
    const parsed = parseString(content);
    return parsed.schema && TEMPORAL_NAMES.has(parsed.schema.name) ? parsed : { schema: Schemas.STRING, value: content };
  }
  for (const [literal, result] of [
    ['null', null],
    ['true', { schema: Schemas.BOOLEAN, value: true }],
    ['false', { schema: Schemas.BOOLEAN, value: false }],
  ] as const) {
    const start = tokens.mark();
    // A top-level `true}` is the string "true}", not the boolean.
    if (tokens.canConsume(literal) && (embedded || !tokens.hasNext())) return result;
    tokens.rewindTo(start);
  }
  const start = tokens.mark();
  try {
    if (tokens.canConsume('[')) return parseArray(tokens);
    if (tokens.canConsume('{')) return parseMap(tokens);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    tokens.rewindTo(start);
  }
  const raw = tokens.next();
  if (raw.trim() === '') return { schema: Schemas.STRING, value: raw };
  const token = raw.trim();
  if (/^\d/.test(token)) {
    // Times and timestamps span five tokens, since an unescaped `:` is a delimiter.
    const position = tokens.mark();
    const rest = tokens.nextTokens(4);
    const temporal = (rest !== null ? parseTemporal(token + rest) : null) ?? (tokens.rewindTo(position), parseTemporal(token));
    if (temporal) return temporal;
  }
  if (/^[\d+-]/.test(token)) {
    const number = parseNumber(token);
    if (number) return number;
  }
  if (embedded) throw new DataError('Failed to parse embedded value');
  return { schema: Schemas.STRING, value: tokens.original };
}

/** Values.parseString: never null; `null` parses to a null schema and value. */
export function parseString(value: string | null): SchemaAndValue {
  if (value === null) return { schema: null, value: null };
  if (value === '') return { schema: Schemas.STRING, value };
  return parseValue(new Tokenizer(value), false) ?? { schema: null, value: null };
}
