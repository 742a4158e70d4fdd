import { ConfigError } from '../api/errors.js';

/** Kafka's ConfigDef.Type names. */
export type ConfigType = 'BOOLEAN' | 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LIST' | 'CLASS' | 'PASSWORD';
export type Importance = 'HIGH' | 'MEDIUM' | 'LOW';
export type Width = 'NONE' | 'SHORT' | 'MEDIUM' | 'LONG';

/** A secret value: never printed, logged or serialized as itself (Kafka's Password). */
export class Password {
  static readonly HIDDEN = '[hidden]';
  constructor(readonly value: string) {}
  toString(): string {
    return Password.HIDDEN;
  }
  toJSON(): string {
    return Password.HIDDEN;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return Password.HIDDEN;
  }
}

/** The JS type each config type parses to. */
export interface ValueOfType {
  BOOLEAN: boolean;
  STRING: string;
  INT: number;
  SHORT: number;
  LONG: number;
  DOUBLE: number;
  LIST: string[];
  CLASS: string;
  PASSWORD: Password;
}

const LIST_SPLIT = /\s*,\s*/;

/** Parses a raw (string or already-typed) value the way Kafka's ConfigDef.parseType does. */
export function parseType<T extends ConfigType>(name: string, raw: unknown, type: T): ValueOfType[T] | null {
  if (raw === null || raw === undefined) return null;
  const text = typeof raw === 'string' ? raw.trim() : raw;
  const bad = (reason: string) => ConfigError.invalid(name, typeof raw === 'string' ? raw : JSON.stringify(raw), reason);
  switch (type) {
    case 'BOOLEAN':
      if (typeof text === 'boolean') return text as ValueOfType[T];
      if (typeof text === 'string' && /^(true|false)$/i.test(text)) return (text.toLowerCase() === 'true') as ValueOfType[T];
      throw bad('Expected value to be either true or false');
    case 'PASSWORD':
      if (raw instanceof Password) return raw as ValueOfType[T];
      if (typeof raw === 'string') return new Password(raw) as ValueOfType[T];
      throw bad('Expected value to be a string, but it was a ' + typeof raw);
    case 'STRING':
    case 'CLASS':
      if (typeof text === 'string') return text as ValueOfType[T];
      throw bad(`Expected value to be a string, but it was a ${typeof raw}`);
    case 'INT':
    case 'SHORT':
    case 'LONG': {
      const limits = { INT: 2 ** 31, SHORT: 2 ** 15, LONG: 2 ** 63 }[type as 'INT' | 'SHORT' | 'LONG'];
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < -limits || n >= limits) throw bad(`Not a number of type ${type}`);
      return n as ValueOfType[T];
    }
    case 'DOUBLE': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : NaN;
      if (Number.isNaN(n)) throw bad('Not a number of type DOUBLE');
      return n as ValueOfType[T];
    }
    case 'LIST':
      if (Array.isArray(text)) return text.map(String) as ValueOfType[T];
      if (typeof text === 'string') return (text === '' ? [] : text.split(LIST_SPLIT)) as ValueOfType[T];
      throw bad('Expected a comma separated list.');
  }
  throw bad(`Unknown type ${String(type)}`);
}

/** The string form of a parsed value, as Kafka's ConfigDef.convertToString renders it (REST, validate output). */
export function convertToString(value: unknown, type: ConfigType): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Password || type === 'PASSWORD') return Password.HIDDEN;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}
