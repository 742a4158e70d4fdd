/**
 * Rewrites chosen scalar values of a JSON text in place, leaving every other byte as it was. JSON.parse cannot be
 * used for this: it rounds integers beyond 2^53 (int64 columns, infinity timestamps) and re-serialising would not
 * reproduce Java's number and string formatting, and the captures must stay byte-exact.
 */

export type JsonPath = ReadonlyArray<string | number>;

/** Returns the replacement token text for a scalar at `path`, or undefined to keep `token` as it is. */
export type ScalarRewrite = (path: JsonPath, token: string) => string | undefined;

/** Called after every value (scalar or container) with its path and its extent in the original text. */
export type ValueVisitor = (path: JsonPath, start: number, end: number) => void;

class Rewriter {
  private pos = 0;
  private readonly out: string[] = [];
  private copied = 0;

  constructor(
    private readonly text: string,
    private readonly rewrite: ScalarRewrite,
    private readonly visit?: ValueVisitor,
  ) {}

  run(): string {
    this.skipWs();
    this.value([]);
    this.skipWs();
    if (this.pos !== this.text.length) this.fail('trailing characters');
    this.out.push(this.text.slice(this.copied));
    return this.out.join('');
  }

  private fail(what: string): never {
    throw new Error(`invalid JSON at ${this.pos}: ${what}`);
  }

  private skipWs(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text.charAt(this.pos))) this.pos += 1;
  }

  private expect(ch: string): void {
    if (this.text.charAt(this.pos) !== ch) this.fail(`expected ${ch}`);
    this.pos += 1;
  }

  private value(path: JsonPath): void {
    const start = this.pos;
    const ch = this.text.charAt(this.pos);
    if (ch === '{') this.object(path);
    else if (ch === '[') this.array(path);
    else this.scalar(path);
    this.visit?.(path, start, this.pos);
  }

  private scalar(path: JsonPath): void {
    const ch = this.text.charAt(this.pos);
    const start = this.pos;
    if (ch === '"') this.string();
    else {
      const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(start, start + 400));
      if (!match) this.fail('expected a value');
      this.pos += match[0].length;
    }
    const token = this.text.slice(start, this.pos);
    const replacement = this.rewrite(path, token);
    if (replacement !== undefined && replacement !== token) {
      this.out.push(this.text.slice(this.copied, start), replacement);
      this.copied = this.pos;
    }
  }

  private string(): string {
    const start = this.pos;
    this.expect('"');
    for (;;) {
      const ch = this.text.charAt(this.pos);
      if (ch === '') this.fail('unterminated string');
      this.pos += ch === '\\' ? 2 : 1;
      if (ch === '"') return JSON.parse(this.text.slice(start, this.pos)) as string;
    }
  }

  private object(path: JsonPath): void {
    this.expect('{');
    this.skipWs();
    if (this.text.charAt(this.pos) === '}') {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.skipWs();
      const key = this.string();
      this.skipWs();
      this.expect(':');
      this.skipWs();
      this.value([...path, key]);
      this.skipWs();
      if (this.text.charAt(this.pos) === ',') this.pos += 1;
      else return this.expect('}');
    }
  }

  private array(path: JsonPath): void {
    this.expect('[');
    this.skipWs();
    if (this.text.charAt(this.pos) === ']') {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.skipWs();
      this.value([...path, index]);
      this.skipWs();
      if (this.text.charAt(this.pos) === ',') this.pos += 1;
      else return this.expect(']');
    }
  }
}

/** `text` with the scalars `rewrite` picks replaced; throws on malformed JSON. */
export function rewriteJson(text: string, rewrite: ScalarRewrite, visit?: ValueVisitor): string {
  return new Rewriter(text, rewrite, visit).run();
}

/** The `schema.name` at the top of a JsonConverter envelope (`{"schema":…,"payload":…}`), if any. */
export function schemaNameOf(text: string): string | undefined {
  let name: string | undefined;
  rewriteJson(text, (path, token) => {
    if (path.length === 2 && path[0] === 'schema' && path[1] === 'name' && token.startsWith('"')) name = JSON.parse(token) as string;
    return undefined;
  });
  return name;
}
