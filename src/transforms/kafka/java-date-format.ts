/**
 * A java.text.SimpleDateFormat work-alike, fixed to UTC as Kafka's TimestampConverter and TimestampRouter set
 * it, with the en-US symbols Kafka workers usually run with. Pattern letters: G y Y M L w W D d F E u a H k K
 * h m s S z Z X, `'quoted text'`, `''` for a quote; any other letter is rejected as Java rejects it.
 *
 * Parsing is lenient like SimpleDateFormat's default: numbers may overflow into the next field (month 13,
 * 1234 milliseconds), a field only reads exactly `count` digits when the next pattern element is another
 * number (`yyyyMMdd`), spaces before a numeric field are skipped, text after the pattern is ignored, and
 * two-digit years (`yy`) land within 80 years before and 20 after the formatter's creation.
 *
 * Limits, all far from what Kafka pipelines use: dates before 1582-10-15 follow the proleptic Gregorian
 * calendar (Java switches to the Julian calendar); time-zone names for `z` parsing come from a short table
 * of common names rather than the full tz database; digits are ASCII only.
 */
import { CalendarBuilder, fieldsOf, type CalendarField, type CalendarFields } from './java-calendar.js';
import { ParseFailure, matchName, parseIsoZone, parseZone } from './java-date-parse.js';

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';
const ERAS = ['BC', 'AD'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_WEEKDAYS = WEEKDAYS.map((d) => d.slice(0, 3));
const AM_PM = ['AM', 'PM'];
/** A pattern SimpleDateFormat would refuse (Java's IllegalArgumentException from its constructor). */
export class IllegalDatePatternError extends Error {
  override readonly name = 'IllegalDatePatternError';
}

/** Text that does not match the pattern (Java's ParseException), with Java's message. */
export class DateParseError extends Error {
  override readonly name = 'DateParseError';
  constructor(
    readonly text: string,
    readonly errorIndex: number,
  ) {
    super(`Unparseable date: "${text}"`);
  }
}

type Element = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'field'; readonly letter: string; readonly count: number };

function compilePattern(pattern: string): Element[] {
  const elements: Element[] = [];
  let literal = '';
  const flushLiteral = (): void => {
    if (literal) elements.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new IllegalDatePatternError('Unterminated quote');
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) !== "'") break;
          literal += "'";
          j += 2;
        } else {
          literal += pattern.charAt(j++);
        }
      }
      i = j + 1;
    } else if (/[a-zA-Z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw new IllegalDatePatternError(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern.charAt(i + count) === c) count++;
      if (c === 'X' && count > 3) throw new IllegalDatePatternError(`invalid ISO 8601 format: length=${count}`);
      flushLiteral();
      elements.push({ kind: 'field', letter: c, count });
      i += count;
    } else {
      literal += c;
      i++;
    }
  }
  flushLiteral();
  return elements;
}

/** Java's zeroPaddingNumber: at least `minDigits`, keeping only the last `maxDigits`. */
function padNumber(value: number, minDigits: number, maxDigits = Number.MAX_SAFE_INTEGER): string {
  let digits = String(Math.abs(value));
  if (digits.length > maxDigits) digits = digits.slice(digits.length - maxDigits);
  return (value < 0 ? '-' : '') + digits.padStart(minDigits, '0');
}

function formatField(letter: string, count: number, f: CalendarFields): string {
  switch (letter) {
    case 'G':
      return ERAS[f.era] ?? '';
    case 'y':
    case 'Y': {
      const year = letter === 'y' ? f.yearOfEra : f.weekYear;
      return count === 2 ? padNumber(year, 2, 2) : padNumber(year, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month0] ?? '';
      if (count === 3) return SHORT_MONTHS[f.month0] ?? '';
      return padNumber(f.month0 + 1, count);
    case 'E':
      return (count >= 4 ? WEEKDAYS : SHORT_WEEKDAYS)[f.dayOfWeek] ?? '';
    case 'a':
      return AM_PM[f.hourOfDay >= 12 ? 1 : 0] ?? '';
    case 'z':
      return count >= 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
  }
  const numbers: Record<string, number> = {
    d: f.dayOfMonth,
    D: f.dayOfYear,
    F: f.dayOfWeekInMonth,
    w: f.weekOfYear,
    W: f.weekOfMonth,
    u: f.dayOfWeek === 1 ? 7 : f.dayOfWeek - 1,
    H: f.hourOfDay,
    k: f.hourOfDay === 0 ? 24 : f.hourOfDay,
    K: f.hourOfDay % 12,
    h: f.hourOfDay % 12 === 0 ? 12 : f.hourOfDay % 12,
    m: f.minute,
    s: f.second,
    S: f.millisecond,
  };
  return padNumber(numbers[letter] ?? 0, count);
}

/** Fields whose count is obeyed when they abut another number (SimpleDateFormat.shouldObeyCount). */
function isAbuttingNumber(element: Element | undefined): boolean {
  if (!element || element.kind !== 'field') return false;
  if (element.letter === 'M' || element.letter === 'L') return element.count <= 2;
  return 'ydkHmsSDFwWhKYu'.includes(element.letter);
}

const NUMERIC_FIELDS: Readonly<Record<string, CalendarField>> = {
  d: 'DAY_OF_MONTH',
  D: 'DAY_OF_YEAR',
  F: 'DAY_OF_WEEK_IN_MONTH',
  w: 'WEEK_OF_YEAR',
  W: 'WEEK_OF_MONTH',
  H: 'HOUR_OF_DAY',
  K: 'HOUR',
  m: 'MINUTE',
  s: 'SECOND',
  S: 'MILLISECOND',
};

/** A Java `int` from the digits DecimalFormat read (Number.intValue wraps like Java's cast). */
function toJavaInt(negative: boolean, digits: string): number {
  const value = BigInt.asIntN(64, BigInt(digits));
  return Number(BigInt.asIntN(32, negative ? -value : value));
}

interface ParseState {
  readonly text: string;
  readonly calendar: CalendarBuilder;
  ambiguousYear: boolean;
}

export class JavaDateFormat {
  private readonly elements: Element[];
  private readonly centuryStart: number;
  private readonly centuryStartYear: number;

  /** `now` (epoch ms) anchors the two-digit-year window; Java takes the clock at construction too. */
  constructor(
    private readonly pattern: string,
    options: { now?: number } = {},
  ) {
    this.elements = compilePattern(pattern);
    const start = new Date(options.now ?? Date.now());
    start.setUTCFullYear(start.getUTCFullYear() - 80);
    this.centuryStart = start.getTime();
    this.centuryStartYear = start.getUTCFullYear();
  }

  toPattern(): string {
    return this.pattern;
  }

  format(date: Date): string {
    const fields = fieldsOf(date.getTime());
    return this.elements.map((e) => (e.kind === 'literal' ? e.text : formatField(e.letter, e.count, fields))).join('');
  }

  /** Parses from the start of `text`, ignoring anything after the pattern (DateFormat.parse(String)). */
  parse(text: string): Date {
    try {
      return this.parseFields(text);
    } catch (err) {
      if (err instanceof ParseFailure) throw new DateParseError(text, err.errorIndex);
      throw err;
    }
  }

  private parseFields(text: string): Date {
    const state: ParseState = { text, calendar: new CalendarBuilder(), ambiguousYear: false };
    let position = 0;
    for (let i = 0; i < this.elements.length; i++) {
      const element = this.elements[i] as Element;
      if (element.kind === 'literal') {
        if (text.slice(position, position + element.text.length) !== element.text) {
          const mismatch = [...element.text].findIndex((c, k) => text.charAt(position + k) !== c);
          throw new ParseFailure(position + Math.max(mismatch, 0));
        }
        position += element.text.length;
        continue;
      }
      position = this.parseField(state, element.letter, element.count, position, isAbuttingNumber(this.elements[i + 1]));
    }
    let millis = state.calendar.establish();
    if (state.ambiguousYear && millis < this.centuryStart) millis = state.calendar.addYear(100).establish();
    return new Date(millis);
  }

  private parseField(state: ParseState, letter: string, count: number, start: number, obeyCount: boolean): number {
    const { text, calendar } = state;
    let position = start;
    while (text.charAt(position) === ' ' || text.charAt(position) === '\t') position++;
    if (position >= text.length) throw new ParseFailure(start);
    const readNumber = (): { value: number; end: number } => {
      const limit = obeyCount ? start + count : text.length;
      if (obeyCount && limit > text.length) throw new ParseFailure(start);
      const match = /^(-?)(\d+)/.exec(text.slice(position, limit));
      if (!match) throw new ParseFailure(start);
      return { value: toJavaInt(match[1] === '-', match[2] as string), end: position + match[0].length };
    };
    const readName = (field: CalendarField, ...lists: (readonly string[])[]): number => {
      for (const names of lists) {
        const found = matchName(text, start, names);
        if (found) {
          calendar.set(field, found.index);
          return found.end;
        }
      }
      throw new ParseFailure(start);
    };
    switch (letter) {
      case 'G':
        return readName('ERA', ERAS);
      case 'y':
      case 'Y': {
        const { value, end } = readNumber();
        let year = value;
        if (count <= 2 && end - position === 2 && /^\d\d$/.test(text.slice(position, end))) {
          const ambiguous = this.centuryStartYear % 100;
          state.ambiguousYear = year === ambiguous;
          year += Math.floor(this.centuryStartYear / 100) * 100 + (year < ambiguous ? 100 : 0);
        }
        calendar.set(letter === 'y' ? 'YEAR' : 'WEEK_YEAR', year);
        return end;
      }
      case 'M':
      case 'L':
        if (count <= 2) {
          const { value, end } = readNumber();
          calendar.set('MONTH', value - 1);
          return end;
        }
        return readName('MONTH', MONTHS, SHORT_MONTHS);
      case 'E':
        return readName('DAY_OF_WEEK', WEEKDAYS, SHORT_WEEKDAYS);
      case 'a':
        return readName('AM_PM', AM_PM);
      case 'k':
      case 'h': {
        // 24 o'clock (k) and 12 o'clock (h) mean hour 0.
        const { value, end } = readNumber();
        if (letter === 'k') calendar.set('HOUR_OF_DAY', value === 24 ? 0 : value);
        else calendar.set('HOUR', value === 12 ? 0 : value);
        return end;
      }
      case 'u': {
        const { value, end } = readNumber();
        calendar.set('DAY_OF_WEEK', (value % 7) + 1);
        return end;
      }
      case 'z':
      case 'Z':
        return parseZone(text, position, calendar);
      case 'X':
        return parseIsoZone(text, position, count, calendar);
    }
    const { value, end } = readNumber();
    calendar.set(NUMERIC_FIELDS[letter] as CalendarField, value);
    return end;
  }
}
