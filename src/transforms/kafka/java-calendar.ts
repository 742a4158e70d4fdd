/**
 * The calendar arithmetic behind java-date-format.ts: Java's lenient GregorianCalendar in UTC, as a
 * SimpleDateFormat uses it to format and parse. Weeks follow the en-US rules Kafka workers usually run with
 * (weeks start on Sunday, week 1 is the week holding January 1st).
 *
 * Days are counted as "epoch days" (1970-01-01 is day 0) on the proleptic Gregorian calendar. Java switches
 * to the Julian calendar before 1582-10-15; this module does not (see the module doc of java-date-format.ts).
 */

export const MILLIS_PER_DAY = 86_400_000;
const SUNDAY = 1;
const FIRST_DAY_OF_WEEK = SUNDAY;
const MINIMAL_DAYS_IN_FIRST_WEEK = 1;

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function floorMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

/** The epoch day of a (possibly out-of-range, hence lenient) year, zero-based month and day of month. */
export function epochDay(year: number, month0: number, dayOfMonth: number): number {
  const y = year + floorDiv(month0, 12);
  const m = floorMod(month0, 12);
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(y, m, 1);
  return date.getTime() / MILLIS_PER_DAY + dayOfMonth - 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Calendar.DAY_OF_WEEK of an epoch day: 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return floorMod(day + 4, 7) + 1;
}

/** The latest day on or before `day` that falls on `weekday` (Java's getDayOfWeekDateOnOrBefore). */
export function weekdayOnOrBefore(day: number, weekday: number): number {
  return day - floorMod(dayOfWeek(day) - weekday, 7);
}

/** The first day of week 1 of the period (year or month) starting on `periodStart`. */
function firstWeekStart(periodStart: number): number {
  let start = weekdayOnOrBefore(periodStart + 6, FIRST_DAY_OF_WEEK);
  if (start - periodStart >= MINIMAL_DAYS_IN_FIRST_WEEK) start -= 7;
  return start;
}

/** Java's weekNumber: the week of `day` within the period starting on `periodStart`. */
function weekNumber(periodStart: number, day: number): number {
  return floorDiv(day - firstWeekStart(periodStart), 7) + 1;
}

/** The calendar fields of an instant, in UTC (Java's Calendar.get for each field). */
export interface CalendarFields {
  readonly era: number; // 0 = BC, 1 = AD
  readonly yearOfEra: number;
  readonly weekYear: number;
  readonly month0: number;
  readonly dayOfMonth: number;
  readonly dayOfYear: number;
  readonly dayOfWeek: number;
  readonly dayOfWeekInMonth: number;
  readonly weekOfYear: number;
  readonly weekOfMonth: number;
  readonly hourOfDay: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export function fieldsOf(epochMillis: number): CalendarFields {
  const date = new Date(epochMillis);
  const year = date.getUTCFullYear();
  const day = floorDiv(epochMillis, MILLIS_PER_DAY);
  const jan1 = epochDay(year, 0, 1);
  let weekOfYear = weekNumber(jan1, day);
  let weekYear = year;
  if (weekOfYear === 0) {
    // The first days of January can belong to the last week of the previous year.
    weekYear = year - 1;
    weekOfYear = weekNumber(epochDay(year - 1, 0, 1), day);
  } else if (weekOfYear >= 52) {
    const nextJan1 = jan1 + (isLeapYear(year) ? 366 : 365);
    if (day >= firstWeekStart(nextJan1)) {
      weekYear = year + 1;
      weekOfYear = 1;
    }
  }
  const dayOfMonth = date.getUTCDate();
  return {
    era: year >= 1 ? 1 : 0,
    yearOfEra: year >= 1 ? year : 1 - year,
    weekYear,
    month0: date.getUTCMonth(),
    dayOfMonth,
    dayOfYear: day - jan1 + 1,
    dayOfWeek: dayOfWeek(day),
    dayOfWeekInMonth: floorDiv(dayOfMonth - 1, 7) + 1,
    weekOfYear,
    weekOfMonth: weekNumber(epochDay(year, date.getUTCMonth(), 1), day),
    hourOfDay: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

/** The Calendar fields a SimpleDateFormat parse can set. */
export type CalendarField =
  | 'ERA'
  | 'YEAR'
  | 'WEEK_YEAR'
  | 'MONTH'
  | 'DAY_OF_MONTH'
  | 'DAY_OF_YEAR'
  | 'DAY_OF_WEEK'
  | 'DAY_OF_WEEK_IN_MONTH'
  | 'WEEK_OF_YEAR'
  | 'WEEK_OF_MONTH'
  | 'AM_PM'
  | 'HOUR'
  | 'HOUR_OF_DAY'
  | 'MINUTE'
  | 'SECOND'
  | 'MILLISECOND'
  | 'ZONE_OFFSET'
  | 'DST_OFFSET';

/**
 * Java's CalendarBuilder + lenient GregorianCalendar: collects parsed fields in order and resolves them into
 * an instant. When fields conflict (a day of month and a day of week, say), the combination set most
 * recently wins, as Calendar's field resolution rules say.
 */
export class CalendarBuilder {
  private readonly values = new Map<CalendarField, number>();
  private readonly stamps = new Map<CalendarField, number>();
  private nextStamp = 1;

  set(field: CalendarField, value: number): this {
    this.values.set(field, value);
    this.stamps.set(field, this.nextStamp++);
    return this;
  }

  addYear(years: number): this {
    this.values.set('YEAR', this.get('YEAR') + years);
    if (this.isSet('WEEK_YEAR')) this.values.set('WEEK_YEAR', this.get('WEEK_YEAR') + years);
    return this;
  }

  private isSet(field: CalendarField): boolean {
    return this.stamps.has(field);
  }

  private get(field: CalendarField): number {
    return this.values.get(field) ?? 0;
  }

  private stamp(field: CalendarField): number {
    return this.stamps.get(field) ?? 0;
  }

  /** Both stamps, or unset (0) when either is unset (Calendar.aggregateStamp). */
  private aggregate(a: number, b: number): number {
    return a === 0 || b === 0 ? 0 : Math.max(a, b);
  }

  /** The instant the fields describe, in epoch milliseconds. */
  establish(): number {
    const weekDate = this.isSet('WEEK_YEAR') && this.stamp('WEEK_YEAR') > this.stamp('YEAR');
    const day = weekDate ? this.weekDateDay() : this.dateDay();
    const zone = this.isSet('ZONE_OFFSET') ? this.get('ZONE_OFFSET') + this.get('DST_OFFSET') : 0;
    return day * MILLIS_PER_DAY + this.timeOfDayMillis() - zone;
  }

  private year(): number {
    const year = this.isSet('YEAR') ? this.get('YEAR') : 1970;
    return this.isSet('ERA') && this.get('ERA') === 0 ? 1 - year : year;
  }

  private timeOfDayMillis(): number {
    const hourOfDayStamp = this.stamp('HOUR_OF_DAY');
    const hourStamp = this.aggregate(this.stamp('HOUR'), this.stamp('AM_PM'));
    let best = Math.max(hourStamp, hourOfDayStamp);
    if (best === 0) best = Math.max(this.stamp('HOUR'), this.stamp('AM_PM'));
    let hours = 0;
    if (best !== 0 && best === hourOfDayStamp) hours = this.get('HOUR_OF_DAY');
    else if (best !== 0) hours = this.get('HOUR') + (this.isSet('AM_PM') ? 12 * this.get('AM_PM') : 0);
    return ((hours * 60 + this.get('MINUTE')) * 60 + this.get('SECOND')) * 1000 + this.get('MILLISECOND');
  }

  /** GregorianCalendar.setWeekDate: a day of a week of a week-based year. */
  private weekDateDay(): number {
    const weekYear = this.isSet('ERA') && this.get('ERA') === 0 ? 1 - this.get('WEEK_YEAR') : this.get('WEEK_YEAR');
    const weekOfYear = this.isSet('WEEK_OF_YEAR') ? this.get('WEEK_OF_YEAR') : 1;
    const weekday = this.isSet('DAY_OF_WEEK') ? this.get('DAY_OF_WEEK') : FIRST_DAY_OF_WEEK;
    const week1 = firstWeekStart(epochDay(weekYear, 0, 1));
    return week1 + floorMod(weekday - FIRST_DAY_OF_WEEK, 7) + 7 * (weekOfYear - 1);
  }

  /** GregorianCalendar.selectFields + getFixedDate for the day part. */
  private dateDay(): number {
    const dow = this.stamp('DAY_OF_WEEK');
    const dom = this.stamp('DAY_OF_MONTH');
    let wom = this.aggregate(this.stamp('WEEK_OF_MONTH'), dow);
    let dowim = this.aggregate(this.stamp('DAY_OF_WEEK_IN_MONTH'), dow);
    const doy = this.stamp('DAY_OF_YEAR');
    let woy = this.aggregate(this.stamp('WEEK_OF_YEAR'), dow);
    let best = Math.max(dom, wom, dowim, doy, woy);
    let domBest = dom;
    if (best === 0) {
      wom = this.stamp('WEEK_OF_MONTH');
      dowim = Math.max(this.stamp('DAY_OF_WEEK_IN_MONTH'), dow);
      woy = this.stamp('WEEK_OF_YEAR');
      best = Math.max(wom, dowim, woy);
      if (best === 0) best = domBest = this.stamp('MONTH');
    }
    const year = this.year();
    const monthBased =
      best === domBest ||
      (best === wom && this.stamp('WEEK_OF_MONTH') >= this.stamp('WEEK_OF_YEAR')) ||
      (best === dowim && this.stamp('DAY_OF_WEEK_IN_MONTH') >= this.stamp('WEEK_OF_YEAR'));
    if (!monthBased) {
      const jan1 = epochDay(year, 0, 1);
      if (best === doy) return jan1 + this.get('DAY_OF_YEAR') - 1;
      let start = firstWeekStart(jan1);
      if (dow !== 0 && this.get('DAY_OF_WEEK') !== FIRST_DAY_OF_WEEK) start = weekdayOnOrBefore(start + 6, this.get('DAY_OF_WEEK'));
      return start + 7 * (this.get('WEEK_OF_YEAR') - 1);
    }
    const month0 = this.get('MONTH');
    const first = epochDay(year, month0, 1);
    if (best === domBest) return first + (this.isSet('DAY_OF_MONTH') ? this.get('DAY_OF_MONTH') - 1 : 0);
    const useWeekOfMonth = wom === dowim ? this.stamp('WEEK_OF_MONTH') >= this.stamp('DAY_OF_WEEK_IN_MONTH') : best === wom;
    if (useWeekOfMonth) {
      let start = firstWeekStart(first);
      if (dow !== 0) start = weekdayOnOrBefore(start + 6, this.get('DAY_OF_WEEK'));
      return start + 7 * (this.get('WEEK_OF_MONTH') - 1);
    }
    const weekday = dow !== 0 ? this.get('DAY_OF_WEEK') : FIRST_DAY_OF_WEEK;
    const ordinal = this.isSet('DAY_OF_WEEK_IN_MONTH') ? this.get('DAY_OF_WEEK_IN_MONTH') : 1;
    if (ordinal >= 0) return weekdayOnOrBefore(first + 7 * ordinal - 1, weekday);
    const lastDate = epochDay(year, month0 + 1, 1) - first + 7 * (ordinal + 1);
    return weekdayOnOrBefore(first + lastDate - 1, weekday);
  }
}
