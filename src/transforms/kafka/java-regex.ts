/**
 * java.util.regex for the SMTs that take a Java regular expression (RegexRouter, TopicNameMatches): a
 * translation of Java's pattern syntax to an equivalent JavaScript `v`-mode RegExp, plus Java's
 * `Matcher.matches()` (whole input) and `Matcher.replaceFirst()` with Java's replacement syntax (`$1`,
 * `${name}`, `\$`).
 *
 * Translated faithfully: Java's ASCII meanings of `\s \h \v \R` and POSIX/java properties, `.` and `$`
 * with Java's line terminators, `(?i)` as ASCII-only case folding (also inside groups and with `-i`),
 * `(?s) (?m) (?x) (?d)` and their scoped forms, `\Q…\E`, `\A \z \Z`, octal/hex/control escapes, nested
 * classes with `&&` intersection, quantifiers on anchors and lookarounds, backreferences that Java reads as
 * "as many digits as there are groups".
 *
 * Rejected with a syntax error, because JavaScript has no equivalent: possessive quantifiers (`a*+`),
 * atomic groups `(?>…)`, `\G`, `\X`, `\N{…}`, `\b{g}`, Unicode blocks (`\p{InGreek}`), the `U` and `c`
 * flags. Known differences: `(?iu)` folds ASCII only; a backreference to a group that has not matched
 * matches the empty string (Java fails the match); a reference to a group opened later never matches.
 */
import { ConnectError } from '../../api/errors.js';
import { JavaClassTranslator, JavaPatternSyntaxError, literalText, type ClassItem, type TranslationFlags } from './java-regex-class.js';

export { JavaPatternSyntaxError } from './java-regex-class.js';

/** Java's IllegalArgumentException / IndexOutOfBoundsException from a bad replacement string. */
export class JavaReplacementError extends ConnectError {
  constructor(
    message: string,
    readonly javaException: 'java.lang.IllegalArgumentException' | 'java.lang.IndexOutOfBoundsException' = 'java.lang.IllegalArgumentException',
  ) {
    super(message);
  }
}

const LINE_TERMINATORS = '[\\n\\r\\u{85}\\u{2028}\\u{2029}]';
const FLAG_CHARS = 'idmsuxUc';

class PatternTranslator extends JavaClassTranslator {
  private groupsOpened = 0;
  readonly groupNames = new Map<string, number>();

  get groupCount(): number {
    return this.groupsOpened;
  }

  translate(): string {
    const source = this.alternation({ caseInsensitive: false, multiline: false, dotAll: false, comments: false, unixLines: false });
    if (this.pos < this.pattern.length) throw this.error("Unmatched closing ')'", this.pos - 1);
    return source;
  }

  private alternation(flags: TranslationFlags): string {
    const branches = [this.sequence(flags)];
    while (this.peek(flags) === '|') {
      this.pos++;
      branches.push(this.sequence(flags));
    }
    return branches.join('|');
  }

  private sequence(flags: TranslationFlags): string {
    let out = '';
    for (;;) {
      const c = this.peek(flags);
      if (c === undefined || c === '|' || c === ')') return out;
      if (c === '*' || c === '+' || c === '?') throw this.error(`Dangling meta character '${c}'`, this.pos);
      // Java quantifies an empty atom here: `{2}` matches nothing twice, `{key}` is an illegal repetition.
      if (c === '{') {
        out += this.quantified('(?:)', flags);
        continue;
      }
      const atoms = this.atom(flags);
      for (let i = 0; i < atoms.length; i++) out += i === atoms.length - 1 ? this.quantified(atoms[i] as string, flags) : atoms[i];
    }
  }

  /** The quantifier after an atom, if any: `* + ? {n} {n,} {n,m}`, each optionally lazy. */
  private quantified(atom: string, flags: TranslationFlags): string {
    const c = this.peek(flags);
    let quantifier: string;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      quantifier = c;
    } else if (c === '{') {
      const start = this.pos++;
      const match = /^(\d+)(?:(,)(\d*))?\}/.exec(this.pattern.slice(this.pos));
      // Java reports these one character before where its cursor stopped.
      if (!/^\d/.test(this.pattern.charAt(this.pos))) throw this.error('Illegal repetition', start - 1);
      if (!match) throw this.error('Unclosed counted closure', this.pos + (/^\d+(,\d*)?/.exec(this.pattern.slice(this.pos))?.[0].length ?? 0));
      const [text, min, comma, max] = match;
      if (max && Number(max) < Number(min)) throw this.error('Illegal repetition range', start + text.length);
      this.pos += text.length;
      quantifier = `{${Number(min)}${comma ? `,${max ? Number(max) : ''}` : ''}}`;
    } else {
      return atom;
    }
    const mode = this.peek(flags);
    if (mode === '?') {
      this.pos++;
      quantifier += '?';
    } else if (mode === '+') {
      throw this.error('Possessive quantifiers are not supported', this.pos);
    }
    return atom + quantifier;
  }

  /** One atom, or several for `\Q…\E` (a quantifier applies to the last), or none for `(?i)`. */
  private atom(flags: TranslationFlags): string[] {
    const start = this.pos;
    const c = this.nextCodePoint();
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return [this.characterClass(flags)];
      case '.':
        if (flags.dotAll) return ['[\\s\\S]'];
        return [flags.unixLines ? '[^\\n]' : `[^${LINE_TERMINATORS.slice(1, -1)}]`];
      case '^':
        return [flags.multiline ? `(?:^|(?<=${this.terminator(flags)})(?!$))` : '(?:^)'];
      case '$':
        return [flags.multiline ? `(?=${this.terminator(flags)}|$)` : this.endBeforeFinalTerminator(flags)];
      case '\\':
        return this.escapeOutsideClass(flags, start);
      default:
        return [literalText(c.codePointAt(0) as number, flags.caseInsensitive)];
    }
  }

  private terminator(flags: TranslationFlags): string {
    return flags.unixLines ? '\\n' : LINE_TERMINATORS;
  }

  private endBeforeFinalTerminator(flags: TranslationFlags): string {
    return flags.unixLines ? '(?=\\n?$)' : `(?=(?:\\r\\n|${LINE_TERMINATORS})?$)`;
  }

  private group(flags: TranslationFlags): string[] {
    const open = this.pos - 1;
    const scoped = { ...flags };
    if (this.pattern.charAt(this.pos) !== '?') {
      this.groupsOpened++;
      return [`(${this.groupBody(scoped, open)})`];
    }
    this.pos++;
    const kind = this.pattern.charAt(this.pos);
    if (kind === ':' || kind === '=' || kind === '!') {
      this.pos++;
      const body = this.groupBody(scoped, open);
      return [kind === ':' ? `(?:${body})` : `(?:(?${kind}${body}))`];
    }
    if (kind === '<') {
      const next = this.pattern.charAt(this.pos + 1);
      if (next === '=' || next === '!') {
        this.pos += 2;
        return [`(?:(?<${next}${this.groupBody(scoped, open)}))`];
      }
      this.pos++;
      const name = this.groupName();
      if (this.groupNames.has(name)) throw this.error(`Named capturing group <${name}> is already defined`, this.pos - 1);
      this.groupNames.set(name, ++this.groupsOpened);
      return [`(?<${name}>${this.groupBody(scoped, open)})`];
    }
    if (kind === '>') throw this.error('Atomic groups (?>...) are not supported', this.pos);
    return this.inlineFlags(flags, open);
  }

  /** `(?imsx-imsx)` changes the enclosing group's flags; `(?imsx-imsx:…)` scopes them to its body. */
  private inlineFlags(flags: TranslationFlags, open: number): string[] {
    const changed = { ...flags };
    let on = true;
    for (;;) {
      const c = this.pattern.charAt(this.pos);
      if (c === '-') on = false;
      else if (c === ')' || c === ':') break;
      else if (!FLAG_CHARS.includes(c) || c === '') throw this.error('Unknown inline modifier', this.pos);
      else if (c === 'U' || c === 'c') throw this.error(`The (?${c}) flag is not supported`, this.pos);
      else if (c === 'i') changed.caseInsensitive = on;
      else if (c === 'm') changed.multiline = on;
      else if (c === 's') changed.dotAll = on;
      else if (c === 'x') changed.comments = on;
      else if (c === 'd') changed.unixLines = on;
      // 'u' (Unicode case folding) is accepted; case folding stays ASCII (see the module doc).
      this.pos++;
    }
    if (this.pattern.charAt(this.pos++) === ')') {
      Object.assign(flags, changed);
      return [];
    }
    return [`(?:${this.groupBody(changed, open)})`];
  }

  private groupBody(flags: TranslationFlags, open: number): string {
    const body = this.alternation(flags);
    if (this.pattern.charAt(this.pos) !== ')') throw this.error('Unclosed group', Math.max(open, this.pattern.length));
    this.pos++;
    return body;
  }

  private groupName(): string {
    const match = /^[A-Za-z][A-Za-z0-9]*/.exec(this.pattern.slice(this.pos));
    if (!match) throw this.error('capturing group name does not start with a Latin letter', this.pos);
    this.pos += match[0].length;
    if (this.pattern.charAt(this.pos) !== '>') throw this.error("named capturing group is missing trailing '>'", this.pos);
    this.pos++;
    return match[0];
  }

  private escapeOutsideClass(flags: TranslationFlags, start: number): string[] {
    const c = this.pattern.charAt(this.pos);
    const assertions: Record<string, string> = {
      A: '(?:^)',
      z: '(?:$)',
      Z: this.endBeforeFinalTerminator(flags),
      b: '(?:\\b)',
      B: '(?:\\B)',
      R: '(?:\\r\\n|[\\n\\x0B\\f\\r\\u{85}\\u{2028}\\u{2029}])',
    };
    if (c in assertions) {
      this.pos++;
      if ((c === 'b' || c === 'B') && this.pattern.charAt(this.pos) === '{') throw this.error('\\b{g} is not supported', start);
      return [assertions[c] as string];
    }
    if (/[1-9]/.test(c)) return [this.backreference()];
    if (c === 'k') return [this.namedBackreference()];
    if (c === 'Q') return this.quoted().map((cp) => literalText(cp, flags.caseInsensitive));
    return [this.itemText(this.escape(false), flags)];
  }

  /** `\n…`: the first digit always counts; later digits only while such a group has been opened. */
  private backreference(): string {
    let number = Number(this.pattern.charAt(this.pos++));
    while (/\d/.test(this.pattern.charAt(this.pos))) {
      const longer = number * 10 + Number(this.pattern.charAt(this.pos));
      if (longer > this.groupsOpened) break;
      number = longer;
      this.pos++;
    }
    return number <= this.groupsOpened ? `(?:\\${number})` : '(?!)';
  }

  private namedBackreference(): string {
    this.pos++;
    if (this.pattern.charAt(this.pos) !== '<') throw this.error('\\k is not followed by \'<\' for named capturing group', this.pos);
    this.pos++;
    const name = this.groupName();
    if (!this.groupNames.has(name)) throw this.error(`named capturing group <${name}> does not exist`, this.pos - 1);
    return `(?:\\k<${name}>)`;
  }

  /** A class item outside a class: a character or a predefined set. */
  private itemText(item: ClassItem, flags: TranslationFlags): string {
    return item.kind === 'set' ? item.text : literalText(item.codePoint, flags.caseInsensitive);
  }
}

export type ReplacementPart = { readonly literal: string } | { readonly group: number };

/** A Java regular expression, compiled once (Pattern.compile). */
export class JavaPattern {
  private constructor(
    readonly pattern: string,
    private readonly finder: RegExp,
    private readonly whole: RegExp,
    readonly groupCount: number,
    readonly groupNames: ReadonlyMap<string, number>,
  ) {}

  static compile(pattern: string): JavaPattern {
    const translator = new PatternTranslator(pattern);
    const source = translator.translate();
    try {
      return new JavaPattern(pattern, new RegExp(source, 'v'), new RegExp(`^(?:${source})$`, 'v'), translator.groupCount, translator.groupNames);
    } catch (err) {
      throw new JavaPatternSyntaxError((err as Error).message, pattern, -1);
    }
  }

  /** Matcher.matches(): the whole input matches. */
  matches(input: string): boolean {
    return this.whole.test(input);
  }

  /**
   * Matcher.replaceFirst(): the first match found from the start (which may be shorter than a whole-input
   * match, e.g. for lazy patterns) is replaced; the input is returned as is when nothing matches.
   */
  replaceFirst(input: string, replacement: JavaReplacement): string {
    const match = this.finder.exec(input);
    if (!match) return input;
    const expanded = replacement.expand(match);
    return input.slice(0, match.index) + expanded + input.slice(match.index + match[0].length);
  }

  /** Compiles a replacement for this pattern's groups (its errors surface when it is used, as in Java). */
  replacement(text: string): JavaReplacement {
    return new JavaReplacement(text, this.groupCount, this.groupNames);
  }
}

/** A replacement string in Java's syntax (Matcher.appendReplacement), parsed against a pattern's groups. */
export class JavaReplacement {
  private readonly parts: ReplacementPart[] = [];
  private readonly problem: JavaReplacementError | null;

  constructor(
    readonly text: string,
    groupCount: number,
    groupNames: ReadonlyMap<string, number>,
  ) {
    this.problem = this.parse(groupCount, groupNames);
  }

  /** The parse error Java would throw on first use, or null. */
  get error(): JavaReplacementError | null {
    return this.problem;
  }

  expand(match: RegExpExecArray): string {
    if (this.problem) throw this.problem;
    return this.parts.map((p) => ('literal' in p ? p.literal : (match[p.group] ?? ''))).join('');
  }

  private parse(groupCount: number, groupNames: ReadonlyMap<string, number>): JavaReplacementError | null {
    const text = this.text;
    let literal = '';
    let i = 0;
    const flush = (): void => {
      if (literal) this.parts.push({ literal });
      literal = '';
    };
    while (i < text.length) {
      const c = text.charAt(i++);
      if (c === '\\') {
        if (i >= text.length) return new JavaReplacementError('character to be escaped is missing');
        literal += text.charAt(i++);
      } else if (c !== '$') {
        literal += c;
      } else if (i >= text.length) {
        return new JavaReplacementError('Illegal group reference: group index is missing');
      } else if (text.charAt(i) === '{') {
        const name = /^[A-Za-z0-9]*/.exec(text.slice(i + 1))?.[0] ?? '';
        if (!name) return new JavaReplacementError('named capturing group has 0 length name');
        if (text.charAt(i + 1 + name.length) !== '}') return new JavaReplacementError("named capturing group is missing trailing '}'");
        if (/^\d/.test(name)) return new JavaReplacementError(`capturing group name {${name}} starts with digit character`);
        const group = groupNames.get(name);
        if (group === undefined) return new JavaReplacementError(`No group with name {${name}}`);
        flush();
        this.parts.push({ group });
        i += name.length + 2;
      } else {
        if (!/\d/.test(text.charAt(i))) return new JavaReplacementError('Illegal group reference');
        let group = Number(text.charAt(i++));
        while (/\d/.test(text.charAt(i)) && group * 10 + Number(text.charAt(i)) <= groupCount) group = group * 10 + Number(text.charAt(i++));
        if (group > groupCount) return new JavaReplacementError(`No group ${group}`, 'java.lang.IndexOutOfBoundsException');
        flush();
        this.parts.push({ group });
      }
    }
    flush();
    return null;
  }
}
