import { ConfigError } from '../api/errors.js';

/**
 * A validator throws ConfigError (Kafka's wording) when a parsed value is not acceptable. It sees the
 * parsed value, never the raw string.
 */
export interface Validator<T = unknown> {
  (name: string, value: T | null): void;
  /** How the value space is described in docs, e.g. `[1,...]` or `[none, all]`. */
  readonly describe?: string;
}

function validator<T>(fn: (name: string, value: T | null) => void, describe?: string): Validator<T> {
  return Object.assign(fn, describe === undefined ? {} : { describe });
}

/** Kafka's ConfigDef.Range. */
export const Range = {
  atLeast(min: number): Validator<number> {
    return validator((name, value) => {
      if (value === null) throw ConfigError.invalid(name, value, 'Value must be non-null');
      if (value < min) throw ConfigError.invalid(name, value, `Value must be at least ${min}`);
    }, `[${min},...]`);
  },
  between(min: number, max: number): Validator<number> {
    return validator((name, value) => {
      if (value === null) throw ConfigError.invalid(name, value, 'Value must be non-null');
      if (value < min) throw ConfigError.invalid(name, value, `Value must be at least ${min}`);
      if (value > max) throw ConfigError.invalid(name, value, `Value must be no more than ${max}`);
    }, `[${min},...,${max}]`);
  },
};

/** Kafka's ConfigDef.ValidString.in: one of the given strings, case-sensitive. */
export function oneOf(...allowed: string[]): Validator<string> {
  return validator((name, value) => {
    if (value === null || !allowed.includes(value)) throw ConfigError.invalid(name, value, `String must be one of: ${allowed.join(', ')}`);
  }, `[${allowed.join(', ')}]`);
}

/** Kafka's ConfigDef.CaseInsensitiveValidString.in. */
export function oneOfIgnoringCase(...allowed: string[]): Validator<string> {
  const lower = allowed.map((a) => a.toLowerCase());
  return validator((name, value) => {
    if (value === null || !lower.includes(value.toLowerCase())) {
      throw ConfigError.invalid(name, value, `String must be one of (case insensitive): ${allowed.join(', ')}`);
    }
  }, `(case insensitive) [${allowed.join(', ')}]`);
}

/** Kafka's NonEmptyString: null passes (a missing required key is reported as missing). */
export const nonEmptyString: Validator<string> = validator((name, value) => {
  if (value === '') throw ConfigError.invalid(name, value, 'String must be non-empty');
}, 'non-empty string');

/** Kafka's NonEmptyStringWithoutControlChars (connector names): null passes, as in Kafka. */
export const nonEmptyStringWithoutControlChars: Validator<string> = validator((name, value) => {
  if (value === null) return;
  if (value === '') throw ConfigError.invalid(name, value, 'String may not be empty');
  // Java's Character.isISOControl: U+0000–U+001F and U+007F–U+009F.
  const controls = [...value].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
  if (controls.length) {
    throw ConfigError.invalid(name, value, `String may not contain control sequences but had the following ASCII chars: ${controls.map((c) => c.charCodeAt(0)).join(', ')}`);
  }
}, 'non-empty string without ISO control characters');

/** Kafka's NonNullValidator. */
export const nonNull: Validator<unknown> = validator((name, value) => {
  if (value === null || value === undefined) throw ConfigError.invalid(name, value, 'Value must be non-null');
}, 'non-null value');

/** Every list element must pass `element`. */
export function eachElement(element: Validator<string>): Validator<string[]> {
  return validator((name, value) => {
    for (const item of value ?? []) element(name, item);
  }, element.describe);
}

/** A list whose elements are all in `allowed` (Kafka's ConfigDef.ValidList.in). */
export function listOf(...allowed: string[]): Validator<string[]> {
  return validator((name, value) => {
    for (const item of value ?? []) {
      if (!allowed.includes(item)) throw ConfigError.invalid(name, item, `String must be one of: ${allowed.join(', ')}`);
    }
  }, `[${allowed.join(', ')}]`);
}

/** A string that compiles as a regular expression. */
export const validRegex: Validator<string> = validator((name, value) => {
  if (value === null) return;
  try {
    new RegExp(value);
  } catch (err) {
    throw ConfigError.invalid(name, value, `Invalid regex: ${(err as Error).message}`);
  }
}, 'valid regex');

/** Combines validators; the first failure wins. */
export function all<T>(...validators: Validator<T>[]): Validator<T> {
  return validator((name, value) => {
    for (const v of validators) v(name, value);
  }, validators.map((v) => v.describe).filter(Boolean).join(', '));
}
