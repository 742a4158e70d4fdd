/**
 * The parsing pieces of java-date-format.ts that SimpleDateFormat keeps in its subParse helpers: case-blind
 * name matching and the time-zone forms of `z`, `Z` and `X`. Zone names come from a short table of common
 * names (Java consults the whole tz database).
 */
import type { CalendarBuilder } from './java-calendar.js';

const MILLIS_PER_MINUTE = 60_000;
const MILLIS_PER_HOUR = 3_600_000;

/** Zone names `z`/`Z` parse (standard and daylight names with their offsets in hours). */
const ZONE_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Coordinated Universal Time', 0],
  ['Greenwich Mean Time', 0],
  ['UTC', 0],
  ['GMT', 0],
  ['UT', 0],
  ['Eastern Standard Time', -5],
  ['Eastern Daylight Time', -4],
  ['Central Standard Time', -6],
  ['Central Daylight Time', -5],
  ['Mountain Standard Time', -7],
  ['Mountain Daylight Time', -6],
  ['Pacific Standard Time', -8],
  ['Pacific Daylight Time', -7],
  ['Central European Time', 1],
  ['Central European Summer Time', 2],
  ['EST', -5],
  ['EDT', -4],
  ['CST', -6],
  ['CDT', -5],
  ['MST', -7],
  ['MDT', -6],
  ['PST', -8],
  ['PDT', -7],
  ['CET', 1],
  ['CEST', 2],
  ['EET', 2],
  ['EEST', 3],
  ['WET', 0],
  ['WEST', 1],
  ['JST', 9],
];

/** Where a parse failed; JavaDateFormat.parse reports it as DateParseError. */
export class ParseFailure extends Error {
  constructor(readonly errorIndex: number) {
    super('parse failure');
  }
}

/** The longest entry of `names` at `start`, ignoring case (SimpleDateFormat.matchString). */
export function matchName(text: string, start: number, names: readonly string[]): { index: number; end: number } | null {
  let best: { index: number; end: number } | null = null;
  names.forEach((name, index) => {
    if (!name || (best && name.length <= best.end - start)) return;
    if (text.slice(start, start + name.length).toLowerCase() === name.toLowerCase()) best = { index, end: start + name.length };
  });
  return best;
}

function setOffset(calendar: CalendarBuilder, millis: number): void {
  calendar.set('ZONE_OFFSET', millis).set('DST_OFFSET', 0);
}

/** `hh[[:]mm]` after a sign (SimpleDateFormat.subParseNumericZone); returns the end position. */
function parseNumericZone(text: string, start: number, sign: number, count: number, colon: boolean, calendar: CalendarBuilder): number {
  const digitAt = (i: number): number | null => (/\d/.test(text.charAt(i)) ? Number(text.charAt(i)) : null);
  let index = start;
  const first = digitAt(index++);
  if (first === null) throw new ParseFailure(start);
  let hours = first;
  const second = digitAt(index);
  if (second !== null) {
    hours = hours * 10 + second;
    index++;
  } else if (count > 0 || !colon || index >= text.length) {
    throw new ParseFailure(start);
  }
  if (hours > 23) throw new ParseFailure(start);
  let minutes = 0;
  if (count !== 1) {
    if (colon) {
      if (text.charAt(index) !== ':') throw new ParseFailure(start);
      index++;
    }
    const m1 = digitAt(index++);
    const m2 = digitAt(index++);
    if (m1 === null || m2 === null || m1 * 10 + m2 > 59) throw new ParseFailure(start);
    minutes = m1 * 10 + m2;
  }
  setOffset(calendar, sign * (hours * 60 + minutes) * MILLIS_PER_MINUTE);
  return index;
}

/** `z`/`Z`: `+hhmm`, `GMT`, `GMT+h:mm` or a zone name. */
export function parseZone(text: string, start: number, calendar: CalendarBuilder): number {
  const c = text.charAt(start);
  if (c === '+' || c === '-') return parseNumericZone(text, start + 1, c === '+' ? 1 : -1, 0, false, calendar);
  if (text.slice(start, start + 3).toUpperCase() === 'GMT') {
    const sign = text.charAt(start + 3);
    if (sign !== '+' && sign !== '-') {
      setOffset(calendar, 0);
      return start + 3;
    }
    return parseNumericZone(text, start + 4, sign === '+' ? 1 : -1, 0, true, calendar);
  }
  const name = matchName(text, start, ZONE_NAMES.map(([n]) => n));
  if (!name) throw new ParseFailure(start);
  setOffset(calendar, (ZONE_NAMES[name.index]?.[1] ?? 0) * MILLIS_PER_HOUR);
  return name.end;
}

/** `X`: `Z` or `+hh`, `+hhmm`, `+hh:mm` by count. */
export function parseIsoZone(text: string, start: number, count: number, calendar: CalendarBuilder): number {
  const c = text.charAt(start);
  if (c === 'Z') {
    setOffset(calendar, 0);
    return start + 1;
  }
  if (c !== '+' && c !== '-') throw new ParseFailure(start);
  return parseNumericZone(text, start + 1, c === '+' ? 1 : -1, count, count === 3, calendar);
}
