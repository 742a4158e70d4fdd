/**
 * The character-level half of java-regex.ts: Java's escapes, predefined and property classes, and
 * bracketed classes (nested, `&&` intersections, ranges), translated to JavaScript `v`-mode syntax. Every
 * non-alphanumeric character is written as `\u{…}`, which `v` mode accepts everywhere.
 */

/** A pattern Java would reject or that has no JavaScript equivalent; the message is Java's format. */
export class JavaPatternSyntaxError extends Error {
  override readonly name = 'JavaPatternSyntaxError';
  constructor(
    readonly description: string,
    readonly pattern: string,
    readonly index: number,
  ) {
    // PatternSyntaxException.getMessage: description, index, the pattern and a caret under the index.
    const caret = index >= 0 && index < pattern.length ? `\n${' '.repeat(index)}^` : '';
    super(`${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${caret}`);
  }
}

export interface TranslationFlags {
  caseInsensitive: boolean;
  multiline: boolean;
  dotAll: boolean;
  comments: boolean;
  unixLines: boolean;
}

/** A class member: one character (can be a range end) or a set such as `\d` or `\p{Lu}`. */
export type ClassItem = { readonly kind: 'char'; readonly codePoint: number } | { readonly kind: 'set'; readonly text: string };

function charText(codePoint: number): string {
  const ch = String.fromCodePoint(codePoint);
  return /^[A-Za-z0-9]$/.test(ch) ? ch : `\\u{${codePoint.toString(16)}}`;
}

/** A literal outside a class; Java's `(?i)` without `u` folds ASCII letters only. */
export function literalText(codePoint: number, caseInsensitive: boolean): string {
  const ch = String.fromCodePoint(codePoint);
  if (caseInsensitive && /^[A-Za-z]$/.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  return charText(codePoint);
}

/** The ASCII case counterparts of a range, for `(?i)` classes. */
function caseCounterparts(low: number, high: number): string {
  const shift = (from: number, to: number, delta: number): string => {
    const lo = Math.max(low, from);
    const hi = Math.min(high, to);
    return lo > hi ? '' : `${charText(lo + delta)}-${charText(hi + delta)}`;
  };
  return shift(97, 122, -32) + shift(65, 90, 32);
}

// Class bodies (v-mode class contents) of Java's predefined and POSIX classes, all US-ASCII as in Java's
// default mode.
const SPACE = '\\t\\n\\x0B\\f\\r\\x20';
const PREDEFINED: Readonly<Record<string, string>> = {
  d: '\\d',
  w: '\\w',
  s: SPACE,
  h: '\\x20\\t\\xA0\\u{1680}\\u{180E}\\u{2000}-\\u{200A}\\u{202F}\\u{205F}\\u{3000}',
  v: '\\n\\x0B\\f\\r\\x85\\u{2028}\\u{2029}',
};
const NAMED: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  Graph: '\\x21-\\x7E',
  Print: '\\x20-\\x7E',
  Blank: '\\x20\\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: SPACE,
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: '[[\\p{Zs}\\p{Zl}\\p{Zp}]--[\\xA0\\u{2007}\\u{202F}]]\\t-\\r\\x1C-\\x1F',
  javaMirrored: '\\p{Bidi_Mirrored}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaSpaceChar: '\\p{Zs}\\p{Zl}\\p{Zp}',
  javaDefined: '\\P{Cn}',
  javaISOControl: '\\x00-\\x1F\\x7F-\\x9F',
};
/** Binary properties after `Is`, by upper-case name (Java reads them case-insensitively). */
const BINARY: Readonly<Record<string, string>> = {
  ALPHABETIC: '\\p{Alphabetic}',
  IDEOGRAPHIC: '\\p{Ideographic}',
  LETTER: '\\p{L}',
  LOWERCASE: '\\p{Lowercase}',
  UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}',
  PUNCTUATION: '\\p{P}',
  CONTROL: '\\p{Cc}',
  WHITE_SPACE: '\\p{White_Space}',
  WHITESPACE: '\\p{White_Space}',
  DIGIT: '\\p{Nd}',
  HEX_DIGIT: '\\p{Hex_Digit}',
  HEXDIGIT: '\\p{Hex_Digit}',
  JOIN_CONTROL: '\\p{Join_Control}',
  JOINCONTROL: '\\p{Join_Control}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  NONCHARACTERCODEPOINT: '\\p{Noncharacter_Code_Point}',
  ASSIGNED: '\\P{Cn}',
  EMOJI: '\\p{Emoji}',
};

function propertyExists(property: string): boolean {
  try {
    new RegExp(`\\p{${property}}`, 'v');
    return true;
  } catch {
    return false;
  }
}

/** Java spells scripts in any case (`IsLATIN`); JavaScript wants `Latin` or `Old_Italic`. */
function scriptName(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('_');
}

function isHexDigit(c: string): boolean {
  return /^[0-9A-Fa-f]$/.test(c);
}

/** Pattern-reading state and the character-level translation; java-regex.ts adds groups and sequences. */
export class JavaClassTranslator {
  protected pos = 0;

  constructor(protected readonly pattern: string) {}

  protected error(description: string, index: number): JavaPatternSyntaxError {
    return new JavaPatternSyntaxError(description, this.pattern, index);
  }

  /** The next code point, skipping whitespace and `#` comments in `(?x)` mode. */
  protected peek(flags: TranslationFlags): string | undefined {
    if (flags.comments) {
      for (;;) {
        const c = this.pattern.charAt(this.pos);
        if (c !== '' && ' \t\n\v\f\r'.includes(c)) this.pos++;
        else if (c === '#') while (this.pos < this.pattern.length && !/^[\n\r\u0085\u2028\u2029]$/.test(this.pattern.charAt(this.pos))) this.pos++;
        else break;
      }
    }
    const cp = this.pattern.codePointAt(this.pos);
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  }

  protected nextCodePoint(): string {
    const cp = this.pattern.codePointAt(this.pos) as number;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return ch;
  }

  /** `\Q…\E` (the `\Q` already read): the quoted code points, up to `\E` or the end of the pattern. */
  protected quoted(): number[] {
    this.pos++;
    const end = this.pattern.indexOf('\\E', this.pos);
    const text = this.pattern.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.pattern.length : end + 2;
    return [...text].map((c) => c.codePointAt(0) as number);
  }

  /** A bracketed class (the `[` already read), as a v-mode class. */
  protected characterClass(flags: TranslationFlags): string {
    const open = this.pos - 1;
    const negated = this.pattern.charAt(this.pos) === '^';
    if (negated) this.pos++;
    const operands: string[][] = [[]];
    let current = operands[0] as string[];
    let empty = true;
    for (;;) {
      const c = this.peek(flags);
      if (c === undefined) throw this.error('Unclosed character class', this.pattern.length - 1);
      if (c === ']' && !empty) {
        this.pos++;
        break;
      }
      empty = false;
      if (c === '[') {
        this.pos++;
        current.push(this.characterClass(flags));
      } else if (c === '&' && this.pattern.charAt(this.pos + 1) === '&') {
        this.pos += 2;
        operands.push((current = []));
      } else if (c === '\\' && this.pattern.charAt(this.pos + 1) === 'Q') {
        this.pos++;
        for (const cp of this.quoted()) current.push(this.charMember(cp, cp, flags));
      } else {
        current.push(this.classMember(flags, open));
      }
    }
    const bodies = operands.filter((items) => items.length).map((items) => items.join(''));
    const caret = negated ? '^' : '';
    if (bodies.length <= 1) return `[${caret}${bodies[0] ?? ''}]`;
    return `[${caret}${bodies.map((b) => `[${b}]`).join('&&')}]`;
  }

  /** One character, range or set inside a class. */
  private classMember(flags: TranslationFlags, open: number): string {
    const item = this.classAtom();
    if (item.kind === 'set') return item.text;
    const afterDash = this.pattern.charAt(this.pos + 1);
    if (this.pattern.charAt(this.pos) !== '-' || afterDash === ']' || afterDash === '[' || afterDash === '') {
      return this.charMember(item.codePoint, item.codePoint, flags);
    }
    this.pos++;
    const end = this.classAtom();
    if (end.kind === 'set' || end.codePoint < item.codePoint) throw this.error('Illegal character range', Math.max(open, this.pos - 1));
    return this.charMember(item.codePoint, end.codePoint, flags);
  }

  private classAtom(): ClassItem {
    const c = this.nextCodePoint();
    if (c !== '\\') return { kind: 'char', codePoint: c.codePointAt(0) as number };
    return this.escape(true);
  }

  private charMember(low: number, high: number, flags: TranslationFlags): string {
    const own = low === high ? charText(low) : `${charText(low)}-${charText(high)}`;
    return flags.caseInsensitive ? own + caseCounterparts(low, high) : own;
  }

  /** An escape (the backslash already read) that stands for a character or a set. */
  protected escape(inClass: boolean): ClassItem {
    const start = this.pos - 1;
    if (this.pos >= this.pattern.length) throw this.error('Unexpected internal error', this.pattern.length);
    const c = this.nextCodePoint();
    const char = (codePoint: number): ClassItem => ({ kind: 'char', codePoint });
    const controls: Record<string, number> = { a: 7, e: 27, f: 12, n: 10, r: 13, t: 9 };
    if (c in controls) return char(controls[c] as number);
    const lower = c.toLowerCase();
    if (lower in PREDEFINED && /[a-z]/i.test(c)) {
      const body = PREDEFINED[lower] as string;
      return { kind: 'set', text: c === lower ? `[${body}]` : `[^${body}]` };
    }
    switch (c) {
      case '0':
        return char(this.octal());
      case 'c':
        if (this.pos >= this.pattern.length) throw this.error('Illegal control escape sequence', this.pos);
        return char((this.nextCodePoint().codePointAt(0) as number) ^ 64);
      case 'x':
        return char(this.hex());
      case 'u':
        return char(this.unicode());
      case 'p':
      case 'P':
        return { kind: 'set', text: this.property(c === 'P') };
      case 'G':
      case 'X':
      case 'N':
        if (!inClass) throw this.error(`\\${c} is not supported`, start);
    }
    if (/^[A-Za-z0-9]$/.test(c)) throw this.error('Illegal/unsupported escape sequence', this.pos - 1);
    return char(c.codePointAt(0) as number);
  }

  private octal(): number {
    const digit = (k: number): number | null => (/^[0-7]$/.test(this.pattern.charAt(this.pos + k)) ? Number(this.pattern.charAt(this.pos + k)) : null);
    const [n, m, o] = [digit(0), digit(1), digit(2)];
    if (n === null) throw this.error('Illegal octal escape sequence', this.pos);
    if (m === null) return (this.pos++, n);
    if (o === null || n > 3) return ((this.pos += 2), n * 8 + m);
    this.pos += 3;
    return n * 64 + m * 8 + o;
  }

  private hex(): number {
    const text = this.pattern.slice(this.pos);
    const pair = /^[0-9A-Fa-f]{2}/.exec(text);
    if (pair) {
      this.pos += 2;
      return parseInt(pair[0], 16);
    }
    if (text.charAt(0) === '{' && isHexDigit(text.charAt(1))) {
      const digits = /^\{([0-9A-Fa-f]+)/.exec(text)?.[1] ?? '';
      if (parseInt(digits, 16) > 0x10ffff) throw this.error('Hexadecimal codepoint is too big', this.pos);
      if (text.charAt(digits.length + 1) !== '}') throw this.error('Unclosed hexadecimal escape sequence', this.pos);
      this.pos += digits.length + 2;
      return parseInt(digits, 16);
    }
    throw this.error('Illegal hexadecimal escape sequence', this.pos);
  }

  private unicode(): number {
    const four = (at: number): number | null => (/^[0-9A-Fa-f]{4}$/.test(this.pattern.slice(at, at + 4)) ? parseInt(this.pattern.slice(at, at + 4), 16) : null);
    const unit = four(this.pos);
    if (unit === null) throw this.error('Illegal Unicode escape sequence', this.pos);
    this.pos += 4;
    // A high surrogate followed by an escaped low surrogate is one supplementary character, as in Java.
    if (unit >= 0xd800 && unit <= 0xdbff && this.pattern.slice(this.pos, this.pos + 2) === '\\u') {
      const low = four(this.pos + 2);
      if (low !== null && low >= 0xdc00 && low <= 0xdfff) {
        this.pos += 6;
        return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      }
    }
    return unit;
  }

  /** `\p{Name}`, `\pL`, `\P{…}`: POSIX, java.lang.Character, category, script and binary properties. */
  private property(negated: boolean): string {
    let name: string;
    if (this.pattern.charAt(this.pos) === '{') {
      const close = this.pattern.indexOf('}', this.pos);
      if (close < 0) throw this.error('Unclosed character family', this.pattern.length);
      name = this.pattern.slice(this.pos + 1, close);
      if (!name) throw this.error('Empty character family', close);
      this.pos = close + 1;
    } else {
      name = this.nextCodePoint();
    }
    const body = this.propertyBody(name);
    return negated ? `[^${body}]` : `[${body}]`;
  }

  private propertyBody(name: string): string {
    const unknown = (kind: string, value: string): Error => this.error(`Unknown character ${kind} {${value}}`, this.pos - 1);
    const equals = name.indexOf('=');
    if (equals >= 0) {
      const key = name.slice(0, equals).toLowerCase();
      const value = name.slice(equals + 1);
      if ((key === 'gc' || key === 'general_category') && propertyExists(`gc=${value}`)) return `\\p{gc=${value}}`;
      if ((key === 'sc' || key === 'script') && propertyExists(`sc=${scriptName(value)}`)) return `\\p{sc=${scriptName(value)}}`;
      throw this.error(`Unknown Unicode property {name=<${key}>, value=<${value}>}`, this.pos - 1);
    }
    if (name.startsWith('In')) throw this.error(`Unicode blocks (\\p{${name}}) are not supported`, this.pos - 1);
    if (name.startsWith('Is')) {
      const rest = name.slice(2);
      const binary = BINARY[rest.toUpperCase()];
      if (binary) return binary;
      if (/^[A-Z][a-z]?$/.test(rest) && propertyExists(`gc=${rest}`)) return `\\p{gc=${rest}}`;
      if (propertyExists(`sc=${scriptName(rest)}`)) return `\\p{sc=${scriptName(rest)}}`;
      throw unknown('script name', rest);
    }
    const named = NAMED[name];
    if (named) return named;
    if (/^[A-Z][a-z]?$/.test(name) && propertyExists(`gc=${name}`)) return `\\p{gc=${name}}`;
    throw unknown('property name', name);
  }
}
