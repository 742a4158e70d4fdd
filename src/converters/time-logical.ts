/**
 * Kafka's Time logical type bounds, which include midnight of the next day: Time.fromLogical and
 * Time.toLogical accept 0 to 86400000 milliseconds inclusive (despite their messages saying "less than").
 * The api's TimeLogical stops one millisecond earlier, so the converters apply Kafka's rule themselves.
 */
import { DataError } from '../api/errors.js';

const MILLIS_PER_DAY = 86_400_000;

export function timeFromLogical(value: Date): number {
  const millis = value.getTime();
  if (millis < 0 || millis > MILLIS_PER_DAY) throw new DataError('Kafka Connect Time type should not have any date fields set to non-zero values.');
  return millis;
}

export function timeToLogical(millis: number): Date {
  if (millis < 0 || millis > MILLIS_PER_DAY) throw new DataError('Time values must use number of milliseconds greater than 0 and less than 86400000');
  return new Date(millis);
}
