/**
 * Debezium's field validators, as facts: each takes a value as the string Debezium sees (the value given,
 * or the default) and returns its problems in Debezium's words, without the `The '<key>' value is
 * invalid: ` prefix that `debeziumMessage` adds. Several problems per key are possible, as in Debezium.
 * Value checks look at one value; cross checks also read other keys through a ConfigView.
 */
import { javaHashSetOrder } from '../../../src/cdc/java-hash-order.js';
import { regexListProblem } from './regex-lists.js';

/** What a cross check reads of the whole config. */
export interface ConfigView {
  /** The value given (under its name or a deprecated one), else the key's default; null if neither. */
  string(name: string): string | null;
  /** The value as Java reads an int: the given value if it parses, else the default (Debezium's `getInteger(Field)`). */
  integer(name: string): number | null;
}

export type ValueCheck = (value: string | null) => string[];
export type CrossCheck = (value: string | null, view: ConfigView) => string[];

/** Debezium's wording of a field's problem in validate results. */
export function debeziumMessage(key: string, problem: string): string {
  return `The '${key}' value is invalid: ${problem}`;
}

const problemIf = (bad: boolean, problem: string): string[] => (bad ? [problem] : []);

/** Java's `String.split(regex)` for a literal separator: trailing empty strings are dropped. */
export function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;

/** Java's Integer/Long/Short.parseXxx: an optional sign and digits, within the type's range; no spaces. */
export function parseJavaInteger(text: string | null, bits: 16 | 32 | 64): number | null {
  if (text === null || !INTEGER_TEXT.test(text)) return null;
  const n = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  return n >= -limit && n < limit ? Number(n) : null;
}

const int = (value: string | null) => parseJavaInteger(value, 32);
const long = (value: string | null) => parseJavaInteger(value, 64);

export const isBoolean: ValueCheck = (v) => problemIf(v !== null && !/^(true|false)$/i.test(v.trim()), "Either 'true' or 'false' is expected");
export const isInteger: ValueCheck = (v) => problemIf(v !== null && int(v) === null, 'An integer is expected');
export const isShort: ValueCheck = (v) => problemIf(v !== null && parseJavaInteger(v, 16) === null, 'A short value is expected');
export const isLong: ValueCheck = (v) => problemIf(v !== null && long(v) === null, 'A long value is expected');
export const isPositiveInteger: ValueCheck = (v) => problemIf(v !== null && !((int(v) ?? 0) > 0), 'A positive, non-zero integer value is expected');
export const isNonNegativeInteger: ValueCheck = (v) => problemIf(v !== null && !((int(v) ?? -1) >= 0), 'An non-negative integer is expected');
export const isPositiveLong: ValueCheck = (v) => problemIf(v !== null && !((long(v) ?? 0) > 0), 'A positive, non-zero long value is expected');
export const isNonNegativeLong: ValueCheck = (v) => problemIf(v !== null && !((long(v) ?? -1) >= 0), 'A non-negative long value is expected');
export const isRequired: ValueCheck = (v) => problemIf(v === null || v.trim() === '', 'A value is required');

const JAVA_KEYWORDS = new Set(
  ('abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally ' +
    'float for goto if implements import instanceof int interface long native new package private protected public return short ' +
    'static strictfp super switch synchronized this throw throws transient try void volatile while true false null _').split(' '),
);

/** Java's `SourceVersion.isName`: dot-separated identifiers, none of them a keyword. */
export const isClassName: ValueCheck = (v) =>
  problemIf(
    v !== null && !v.split('.').every((part) => /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(part) && !JAVA_KEYWORDS.has(part)),
    'A Java class name is expected',
  );

export const isListOfRegex: ValueCheck = (v) => {
  const problem = v === null ? null : regexListProblem(v);
  return problem === null ? [] : [`A comma-separated list of valid regular expressions is expected, but ${problem}`];
};

/** `k1=v1,k2=v2`: every comma-separated element must have exactly one `=` (blank is fine). */
export const isListOfMap: ValueCheck = (v) => {
  if (v === null || v.trim() === '') return [];
  const bad = javaSplit(v, ',').some((entry) => javaSplit(entry.trim(), '=').length !== 2);
  return problemIf(bad, 'A equivalent-separated map of valid key/value pairs is expected, for example: k1=v1,k2=v2');
};

/** Debezium's enum fields: the trimmed value, ignoring case, must be one of the literals. */
export function isOneOf(literals: readonly string[]): ValueCheck {
  const lower = literals.map((l) => l.toLowerCase());
  const listed = javaHashSetOrder(lower).join(', ');
  return (v) => problemIf(v !== null && !lower.includes(v.trim().toLowerCase()), `Value must be one of ${listed}`);
}

const invalidFormat = (v: string) => `${v} has invalid format (only the underscore, hyphen, dot and alphanumeric characters are allowed)`;

/** `topic.prefix`, `topic.delimiter`, …: letters, digits, `_`, `-` and `.` only. */
export const isTopicName: ValueCheck = (v) => problemIf(v !== null && !/^[a-zA-Z0-9_.-]+$/.test(v), invalidFormat(v ?? ''));

/** `database.hostname`: the same characters; blank is left to the required check. */
export const isHostname: ValueCheck = (v) => problemIf(v !== null && v.trim() !== '' && !/^[a-zA-Z0-9-_.]+$/.test(v), invalidFormat(v ?? ''));

export const isSlotName: ValueCheck = (v) =>
  problemIf(v !== null && !/^[a-z0-9_]{1,63}$/.test(v), 'Valid replication slot name must contain only digits, lowercase characters and underscores with length <= 63');

/** `skipped.operations`: c, u, d, t (and r) or `none`, never `none` with others. */
export const isSkippedOperations: ValueCheck = (v) => {
  if (v === null || v === 'none') return [];
  let none = false;
  let operations = false;
  for (const operation of javaSplit(v, ',')) {
    const op = operation.trim();
    if (op === 'none') none = true;
    else if (['r', 'c', 'u', 'd', 't'].includes(op)) operations = true;
    else return ['Invalid operation'];
  }
  return problemIf(none && operations, "'none' cannot be specified with other skipped operation types");
};

/** A `;`- or `,`-separated list whose every element must match `pattern` (message.key.columns, replica identities). */
export function eachEntryMatches(separator: string, pattern: RegExp, shown: string): ValueCheck {
  return (v) => {
    if (v === null) return [];
    const problems = v === '' ? ['Must not be empty'] : [];
    for (const entry of javaSplit(v, separator)) {
      if (!pattern.test(entry)) problems.push(`${entry} has an invalid format (expecting '${shown}')`);
    }
    return problems;
  };
}

/** An exclude list next to its include list: Debezium lets only one of them be set. */
export function notWithInclude(includeKey: string, shownIncludeKey = includeKey): CrossCheck {
  return (v, view) => problemIf(v !== null && view.string(includeKey) !== null, `"${shownIncludeKey}" is already specified`);
}

/** `<mode key>.custom.name` must be set when its mode is `custom`. */
export function customNameRequired(modeKey: string, nameKey: string): CrossCheck {
  return (v, view) => problemIf(view.string(modeKey)?.toLowerCase() === 'custom' && (v ?? '') === '', `${nameKey} cannot be empty when ${modeKey} 'custom' is defined`);
}

/** `max.queue.size` must be positive and larger than `max.batch.size`. */
export const isLargerThanBatch: CrossCheck = (_v, view) => {
  const queue = view.integer('max.queue.size') ?? 0;
  const batch = view.integer('max.batch.size') ?? 0;
  return [...problemIf(queue <= 0, 'A positive queue size is required'), ...problemIf(queue <= batch, 'Must be larger than the maximum batch size')];
};

/** `notification.sink.topic.name` is needed when the `sink` notification channel is on. */
export const isSinkTopicGiven: CrossCheck = (v, view) => {
  const channels = javaSplit(view.string('notification.enabled.channels') ?? '', ',').map((c) => c.trim());
  return problemIf(channels.includes('sink') && v === null, 'Notification topic name must be provided when kafka notification channel is enabled');
};
