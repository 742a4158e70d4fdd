/**
 * Readers for Kafka client settings given as strings under Kafka's names. Every bad value becomes a
 * ConfigError in Kafka's wording (`Invalid value <v> for configuration <key>: <reason>`), naming the key.
 */
import { ConfigError } from '../../api/errors.js';

export type Settings = Readonly<Record<string, string>>;

/** The value of `key`, trimmed; undefined when absent or blank (Kafka treats a blank value as unset). */
export function readOptional(settings: Settings, key: string): string | undefined {
  const raw = settings[key];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

export interface IntegerBounds {
  readonly min?: number;
  readonly max?: number;
}

/** An integer setting (Kafka's INT and LONG types), within bounds. */
export function readInteger(settings: Settings, key: string, defaultValue: number, bounds: IntegerBounds = {}): number {
  const raw = readOptional(settings, key);
  if (raw === undefined) return defaultValue;
  if (!/^-?\d+$/.test(raw)) throw ConfigError.invalid(key, raw, 'Not a number of type INT');
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw ConfigError.invalid(key, raw, 'Value out of range');
  if (bounds.min !== undefined && value < bounds.min) throw ConfigError.invalid(key, raw, `Value must be at least ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) throw ConfigError.invalid(key, raw, `Value must be no more than ${bounds.max}`);
  return value;
}

/** A boolean setting; Kafka accepts `true`/`false` in any case. */
export function readBoolean(settings: Settings, key: string, defaultValue: boolean): boolean {
  const raw = readOptional(settings, key);
  if (raw === undefined) return defaultValue;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw ConfigError.invalid(key, raw, 'Expected value to be either true or false');
}

/**
 * One of a fixed set of values. Kafka compares most enumerations case-insensitively (security.protocol,
 * isolation.level, compression.type), so the value is matched ignoring case and returned as listed.
 */
export function readChoice<T extends string>(settings: Settings, key: string, allowed: readonly T[], defaultValue: T): T {
  const raw = readOptional(settings, key);
  if (raw === undefined) return defaultValue;
  const match = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (match === undefined) throw ConfigError.invalid(key, raw, `String must be one of: ${allowed.join(', ')}`);
  return match;
}

/** A comma-separated list (Kafka's LIST type), blanks dropped. */
export function readList(settings: Settings, key: string): string[] {
  const raw = readOptional(settings, key);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** True when the setting is present and not blank. */
export function isSet(settings: Settings, key: string): boolean {
  return readOptional(settings, key) !== undefined;
}

/**
 * How many kafkajs retries fit in a time budget. Kafka's Java clients bound retrying by time
 * (`delivery.timeout.ms`, `default.api.timeout.ms`); kafkajs bounds it by count, with an exponential
 * backoff from `initialMs` doubling up to `maxMs`. This sums the backoff steps until the budget is spent.
 */
export function retriesWithin(budgetMs: number, initialMs: number, maxMs: number): number {
  let retries = 0;
  let spent = 0;
  let step = Math.max(1, initialMs);
  while (spent + step <= budgetMs && retries < 10_000) {
    spent += step;
    retries += 1;
    step = Math.min(step * 2, Math.max(1, maxMs));
  }
  return Math.max(1, retries);
}
