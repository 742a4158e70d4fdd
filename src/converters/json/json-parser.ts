/**
 * A JSON parser that keeps what Jackson's tree keeps and JSON.parse loses, for Kafka's JsonConverter:
 *
 * - integers stay exact: a JS number up to 2^53, a bigint beyond (Jackson's IntNode / LongNode /
 *   BigIntegerNode; which one is recovered from the value's range);
 * - numbers with a fraction or exponent stay as their text (JsonDecimal), because the converter parses
 *   floats with USE_BIG_DECIMAL_FOR_FLOATS and a Decimal field keeps the text's scale;
 * - objects are Maps in document order; a repeated key keeps its first position and its last value.
 *
 * Accepted syntax is Jackson's default plus leading zeros in numbers (Kafka's JsonDeserializer enables
 * ALLOW_LEADING_ZEROS_FOR_NUMBERS). As with ObjectMapper.readTree, whatever follows the first value is
 * ignored, except that a number at the root must be followed by whitespace or the end; empty input is
 * "missing" (undefined). Jackson's limits apply: nesting deeper than 1000, numbers longer than 1000 chars.
 */

/** A JSON number written with a fraction or an exponent, kept as text. */
export class JsonDecimal {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | number | bigint | JsonDecimal | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A parsed document. Members of the root object named in `lazyMembers` are only syntax-checked while
 * parsing; `member` builds them on demand and `memberText` gives their source text, so a converter can
 * look a schema up in its cache by text and skip building it.
 */
export interface JsonDocument {
  readonly root: JsonValue | undefined;
  member(key: string): JsonValue | undefined;
  memberText(key: string): string | undefined;
}

export function parseJson(bytes: Uint8Array, lazyMembers: readonly string[] = []): JsonDocument {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (err) {
    throw new JsonSyntaxError(`Invalid UTF-8: ${(err as Error).message}`, 0);
  }
  return new Parser(text, lazyMembers).document();
}

export function parseJsonText(text: string): JsonValue | undefined {
  return new Parser(text, []).document().root;
}

/** Stands in for a lazy member's value in the root object until it is built. */
const LAZY = new JsonDecimal('');

/** The rest of a string without escapes or control characters, up to and including its closing quote. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a plain string may not contain
const PLAIN_STRING = /[^"\\\u0000-\u001f]*"/y;

class ParsedDocument implements JsonDocument {
  constructor(
    readonly root: JsonValue | undefined,
    private readonly text: string,
    private readonly spans: ReadonlyMap<string, [number, number]>,
  ) {}

  memberText(key: string): string | undefined {
    const span = this.spans.get(key);
    return span ? this.text.slice(span[0], span[1]) : undefined;
  }

  member(key: string): JsonValue | undefined {
    if (!(this.root instanceof Map)) return undefined;
    const value = this.root.get(key);
    if (value !== LAZY) return value;
    const built = new Parser(this.memberText(key) as string, []).value();
    this.root.set(key, built);
    return built;
  }
}

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isIdentifierPart = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly spans = new Map<string, [number, number]>();

  constructor(
    private readonly text: string,
    private readonly lazyMembers: readonly string[],
  ) {}

  document(): JsonDocument {
    this.skipWhitespace();
    if (this.pos >= this.text.length) return new ParsedDocument(undefined, this.text, this.spans);
    const first = this.text.charCodeAt(this.pos);
    const root = first === 0x7b ? this.object(true) : this.value();
    if (typeof root === 'number' || typeof root === 'bigint' || root instanceof JsonDecimal) {
      const next = this.text.charCodeAt(this.pos);
      if (this.pos < this.text.length && !isWhitespace(next)) this.fail(`Unexpected character ('${this.text[this.pos]}'): Expected space separating root-level values`);
    }
    return new ParsedDocument(root, this.text, this.spans);
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.pos < text.length && isWhitespace(text.charCodeAt(this.pos))) this.pos++;
  }

  /** Parses one value at the current position. */
  value(): JsonValue {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('Unexpected end-of-input');
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b:
        return this.object(false);
      case 0x5b:
        return this.array();
      case 0x22:
        return this.string();
      case 0x74:
        return this.literal('true', true);
      case 0x66:
        return this.literal('false', false);
      case 0x6e:
        return this.literal('null', null);
      default:
        if (c === 0x2d || isDigit(c)) return this.number();
        return this.fail(`Unexpected character ('${this.text[this.pos]}' (code ${c}))`);
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Document nesting depth exceeds the maximum allowed (${MAX_DEPTH})`);
  }

  private object(recordSpans: boolean): JsonObject {
    this.enter();
    this.pos++;
    const result: JsonObject = new Map();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail("Unexpected character: was expecting double-quote to start field name");
      const key = this.string();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("Unexpected character: was expecting a colon to separate field name and value");
      this.pos++;
      this.skipWhitespace();
      const start = this.pos;
      if (recordSpans && this.lazyMembers.includes(key)) {
        this.skipValue();
        result.set(key, LAZY);
      } else {
        result.set(key, this.value());
      }
      if (recordSpans) this.spans.set(key, [start, this.pos]);
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 0x7d) break;
      if (next !== 0x2c) this.fail(this.pos > this.text.length ? 'Unexpected end-of-input: expected close marker for Object' : "Unexpected character: was expecting comma to separate Object entries");
    }
    this.depth--;
    return result;
  }

  private array(): JsonValue[] {
    this.enter();
    this.pos++;
    const result: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      result.push(this.value());
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 0x5d) break;
      if (next !== 0x2c) this.fail(this.pos > this.text.length ? 'Unexpected end-of-input: expected close marker for Array' : "Unexpected character: was expecting comma to separate Array entries");
    }
    this.depth--;
    return result;
  }

  /** Checks the syntax of one value, as value() would, without building it. */
  private skipValue(): void {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      this.enter();
      this.pos++;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) === close) {
        this.pos++;
        this.depth--;
        return;
      }
      for (;;) {
        if (c === 0x7b) {
          this.skipWhitespace();
          if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('Unexpected character: was expecting double-quote to start field name');
          this.skipString();
          this.skipWhitespace();
          if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail('Unexpected character: was expecting a colon to separate field name and value');
          this.pos++;
        }
        this.skipValue();
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.pos++);
        if (next === close) break;
        if (next !== 0x2c) this.fail(this.pos > this.text.length ? 'Unexpected end-of-input: expected close marker' : 'Unexpected character: was expecting comma to separate entries');
      }
      this.depth--;
      return;
    }
    if (c === 0x22) this.skipString();
    else this.value();
  }

  /** A string's syntax: a plain string is matched in one step; escapes and errors go through string(). */
  private skipString(): void {
    PLAIN_STRING.lastIndex = this.pos + 1;
    if (PLAIN_STRING.test(this.text)) this.pos = PLAIN_STRING.lastIndex;
    else this.string();
  }

  private literal<T extends boolean | null>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`Unrecognized token '${this.text.slice(this.pos, this.pos + word.length)}'`);
    this.pos += word.length;
    if (this.pos < this.text.length && isIdentifierPart(this.text.charCodeAt(this.pos))) this.fail(`Unrecognized token '${word}${this.text[this.pos]}'`);
    return value;
  }

  private string(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) {
        this.pos = pos;
        this.fail('Unexpected end-of-input in VALUE_STRING');
      }
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) {
        this.pos = pos;
        this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`);
      }
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const escape = text.charCodeAt(pos + 1);
      pos += 2;
      switch (escape) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos;
            this.fail('Unexpected character: expected a hex-digit for character escape sequence');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.pos = pos - 1;
          this.fail(`Unrecognized character escape '${text[pos - 1] ?? ''}'`);
      }
      start = pos;
    }
    this.pos = pos + 1;
    return out + text.slice(start, pos);
  }

  private number(): number | bigint | JsonDecimal {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart) {
      this.pos = pos;
      this.fail('Unexpected character: expected digit (0-9) to follow minus sign, for valid numeric value');
    }
    let decimal = false;
    if (text.charCodeAt(pos) === 0x2e) {
      decimal = true;
      const fractionStart = ++pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fractionStart) {
        this.pos = pos;
        this.fail('Unexpected character: Decimal point not followed by a digit');
      }
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      decimal = true;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      const exponentStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === exponentStart) {
        this.pos = pos;
        this.fail('Unexpected character: Exponent indicator not followed by a digit');
      }
    }
    this.pos = pos;
    if (pos - start > MAX_NUMBER_LENGTH) this.fail(`Number value length (${pos - start}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH})`);
    const literal = text.slice(start, pos);
    if (decimal) return new JsonDecimal(literal);
    // Up to 15 digits always fit a double exactly; longer integers are checked against 2^53.
    if (pos - intStart <= 15) return Number(literal) || 0;
    const big = BigInt(literal);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }
}
