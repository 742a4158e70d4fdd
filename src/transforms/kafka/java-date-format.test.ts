import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateParseError, IllegalDatePatternError, JavaDateFormat } from './java-date-format.js';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date => new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
const format = (pattern: string, date: Date): string => new JavaDateFormat(pattern).format(date);
const parse = (pattern: string, text: string, now?: number): string => new JavaDateFormat(pattern, now === undefined ? {} : { now }).parse(text).toISOString();

describe('JavaDateFormat pattern compilation', () => {
  it('rejects letters SimpleDateFormat does not know, with Java’s message', () => {
    assert.throws(() => new JavaDateFormat('bad-format'), new IllegalDatePatternError("Illegal pattern character 'b'"));
    assert.throws(() => new JavaDateFormat('yyyy-MM-dd T'), new IllegalDatePatternError("Illegal pattern character 'T'"));
  });

  it('rejects an unterminated quote and more than three X', () => {
    assert.throws(() => new JavaDateFormat("yyyy'T"), new IllegalDatePatternError('Unterminated quote'));
    assert.throws(() => new JavaDateFormat('XXXX'), new IllegalDatePatternError('invalid ISO 8601 format: length=4'));
  });

  it('keeps the pattern as given for toPattern()', () => {
    assert.equal(new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").toPattern(), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  });
});

describe('JavaDateFormat formatting (UTC, en-US)', () => {
  const instant = utc(2021, 3, 7, 14, 5, 9, 42); // a Sunday

  it('formats the ISO-8601 pattern Kafka users write', () => {
    assert.equal(format("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", instant), '2021-03-07T14:05:09.042Z');
  });

  it('formats Kafka’s TimestampConverter test pattern', () => {
    assert.equal(format('yyyy MM dd HH mm ss SSS z', new Date(86_401_234)), '1970 01 02 00 00 01 234 UTC');
  });

  it('formats years: yy keeps two digits, other counts pad', () => {
    assert.equal(format('y yy yyy yyyy yyyyy', instant), '2021 21 2021 2021 02021');
    assert.equal(format('yy', utc(2005, 1, 1)), '05');
  });

  it('formats months as numbers, short and long names', () => {
    assert.equal(format('M MM MMM MMMM L LL LLL LLLL', instant), '3 03 Mar March 3 03 Mar March');
  });

  it('formats days, weekdays and weeks with the US week rules', () => {
    assert.equal(format('d dd D DDD F E EEE EEEE u', instant), '7 07 66 066 1 Sun Sun Sunday 7');
    assert.equal(format('w W', instant), '11 2');
    // 2020-12-31 falls in the week holding 2021-01-01: week 1 of week-year 2021.
    assert.equal(format('YYYY w yyyy', utc(2020, 12, 31)), '2021 1 2020');
  });

  it('formats the four hour letters and AM/PM', () => {
    assert.equal(format('H k K h a', utc(2021, 1, 1, 0, 0)), '0 24 0 12 AM');
    assert.equal(format('HH kk KK hh a', utc(2021, 1, 1, 12, 0)), '12 12 00 12 PM');
    assert.equal(format('H k K h a', utc(2021, 1, 1, 23, 0)), '23 23 11 11 PM');
  });

  it('formats minutes, seconds and milliseconds (S is milliseconds, not a fraction)', () => {
    assert.equal(format('m mm s ss S SS SSS SSSS', instant), '5 05 9 09 42 42 042 0042');
  });

  it('formats the zone as UTC in every zone letter', () => {
    assert.equal(format('z zzzz Z X XX XXX', instant), 'UTC Coordinated Universal Time +0000 Z Z Z');
  });

  it('formats eras, with BC years counted from 1', () => {
    assert.equal(format('G yyyy', instant), 'AD 2021');
    assert.equal(format('G yyyy', new Date(utc(2000, 6, 1).setUTCFullYear(0))), 'BC 0001');
  });

  it('writes quoted text and doubled quotes literally', () => {
    assert.equal(format("'week' w, 'o''clock' h a ''", instant), "week 11, o'clock 2 PM '");
  });

  it('formats instants before the epoch', () => {
    assert.equal(format('yyyy-MM-dd HH:mm:ss.SSS', new Date(-1)), '1969-12-31 23:59:59.999');
  });
});

describe('JavaDateFormat parsing (lenient, UTC)', () => {
  it('parses the ISO-8601 pattern', () => {
    assert.equal(parse("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2021-03-07T14:05:09.042Z'), '2021-03-07T14:05:09.042Z');
  });

  it('reads every digit of SSS as milliseconds when a literal follows, as SimpleDateFormat does', () => {
    // Microseconds in the text become 123456 ms: two minutes and 3.456 s are added.
    assert.equal(parse("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2024-01-01T10:00:00.123456Z'), '2024-01-01T10:02:03.456Z');
  });

  it('reads exactly count digits for fields that abut another number', () => {
    assert.equal(parse('yyyyMMdd', '20170103'), '2017-01-03T00:00:00.000Z');
    assert.equal(parse('yyyyMMddHHmmss', '20170103101112'), '2017-01-03T10:11:12.000Z');
  });

  it('rolls over out-of-range fields', () => {
    assert.equal(parse('yyyy-MM-dd', '2021-13-32'), '2022-02-01T00:00:00.000Z');
    assert.equal(parse('HH:mm', '25:61'), '1970-01-02T02:01:00.000Z');
  });

  it('ignores text after the pattern and skips spaces before numbers', () => {
    assert.equal(parse('yyyy-MM-dd', '2021-03-07T10:00:00Z'), '2021-03-07T00:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd', '  2021-03-07'), '2021-03-07T00:00:00.000Z');
  });

  it('defaults missing fields to 1970-01-01T00:00:00', () => {
    assert.equal(parse('HH:mm', '10:30'), '1970-01-01T10:30:00.000Z');
    assert.equal(parse('MM', '06'), '1970-06-01T00:00:00.000Z');
  });

  it('places two-digit years within 80 years before and 20 after creation', () => {
    const now = Date.UTC(2025, 5, 1);
    assert.equal(parse('yy-MM-dd', '24-02-29', now), '2024-02-29T00:00:00.000Z');
    assert.equal(parse('yy-MM-dd', '46-01-01', now), '1946-01-01T00:00:00.000Z');
    assert.equal(parse('yy-MM-dd', '44-12-31', now), '2044-12-31T00:00:00.000Z');
    // Three or more y, or other than two digits, are taken literally.
    assert.equal(parse('yyyy', '0024', now), '0024-01-01T00:00:00.000Z');
    assert.equal(parse('yy', '123', now), '0123-01-01T00:00:00.000Z');
  });

  it('parses month and weekday names in any case, long or short', () => {
    assert.equal(parse('dd MMM yyyy', '05 mar 2021'), '2021-03-05T00:00:00.000Z');
    assert.equal(parse('dd MMMM yyyy', '05 MARCH 2021'), '2021-03-05T00:00:00.000Z');
    assert.equal(parse('dd MMM yyyy', '05 March 2021'), '2021-03-05T00:00:00.000Z');
    assert.equal(parse('EEE, dd MMM yyyy', 'Fri, 05 Mar 2021'), '2021-03-05T00:00:00.000Z');
  });

  it('resolves a lone weekday to its first occurrence in January 1970', () => {
    assert.equal(parse('EEE', 'Mon'), '1970-01-05T00:00:00.000Z');
  });

  it('parses 12-hour clocks with AM/PM and the 1-24 and 1-12 hours', () => {
    assert.equal(parse('hh:mm a', '12:30 AM'), '1970-01-01T00:30:00.000Z');
    assert.equal(parse('hh:mm a', '12:30 PM'), '1970-01-01T12:30:00.000Z');
    assert.equal(parse('kk:mm', '24:15'), '1970-01-01T00:15:00.000Z');
    assert.equal(parse('KK:mm a', '11:00 pm'), '1970-01-01T23:00:00.000Z');
  });

  it('parses day of year, week dates and ISO weekdays', () => {
    assert.equal(parse('yyyy-DDD', '2021-066'), '2021-03-07T00:00:00.000Z');
    assert.equal(parse("YYYY-'W'ww-u", '2021-W01-1'), '2020-12-28T00:00:00.000Z');
    assert.equal(parse('yyyy-MM F E', '2021-03 2 Tue'), '2021-03-09T00:00:00.000Z');
  });

  it('applies RFC 822, ISO 8601 and named zones', () => {
    assert.equal(parse('yyyy-MM-dd HH:mm Z', '2021-03-05 10:00 -0130'), '2021-03-05T11:30:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm X', '2021-03-05 10:00 +02'), '2021-03-05T08:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm XX', '2021-03-05 10:00 +0200'), '2021-03-05T08:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm XXX', '2021-03-05 10:00 +02:00'), '2021-03-05T08:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm XXX', '2021-03-05 10:00 Z'), '2021-03-05T10:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm z', '2021-03-05 10:00 PST'), '2021-03-05T18:00:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm z', '2021-03-05 10:00 GMT+5:30'), '2021-03-05T04:30:00.000Z');
    assert.equal(parse('yyyy-MM-dd HH:mm z', '2021-03-05 10:00 UTC'), '2021-03-05T10:00:00.000Z');
  });

  it('parses BC years through the era', () => {
    assert.equal(parse('G yyyy', 'BC 0001'), new Date(utc(2000, 1, 1).setUTCFullYear(0)).toISOString());
  });

  it('fails with Java’s message when text does not match', () => {
    assert.throws(() => new JavaDateFormat("yyyy-MM-dd'T'HH:mm").parse('2021-03-07'), (err: unknown) => {
      assert.ok(err instanceof DateParseError);
      assert.equal(err.message, 'Unparseable date: "2021-03-07"');
      assert.equal(err.errorIndex, 10);
      return true;
    });
    assert.throws(() => new JavaDateFormat('yyyy-MM-dd').parse('March 7'), new DateParseError('March 7', 0));
    assert.throws(() => new JavaDateFormat('yyyyMMdd').parse('201701'), new DateParseError('201701', 6));
    // The last field is not bound to its count: one digit is a day.
    assert.equal(parse('yyyyMMdd', '2017013'), '2017-01-03T00:00:00.000Z');
    assert.throws(() => new JavaDateFormat('HH:mm XXX').parse('10:00 +0200'), DateParseError);
  });

  it('round-trips what it formats', () => {
    const pattern = "EEE, d MMM yyyy HH:mm:ss.SSS Z '('G')'";
    const instant = utc(1999, 12, 31, 23, 59, 59, 999);
    const text = format(pattern, instant);
    assert.equal(text, 'Fri, 31 Dec 1999 23:59:59.999 +0000 (AD)');
    assert.equal(new JavaDateFormat(pattern).parse(text).getTime(), instant.getTime());
  });
});
