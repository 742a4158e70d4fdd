/**
 * One property of the PostgreSQL connector: its ConfigSpec key (name, type, default, importance, doc,
 * group and order exactly as Debezium 3.2 declares it) plus what the spec alone cannot say: Debezium's
 * validators (value checks and cross checks over the whole config), where the property comes from, and
 * how Tidewater treats it.
 */
import { ConfigError } from '../../../src/api/errors.js';
import type { AnyConfigKey } from '../../../src/config/spec.js';
import { Password, type ConfigType, type ValueOfType } from '../../../src/config/types.js';
import type { Validator } from '../../../src/config/validators.js';
import {
  debeziumMessage,
  isBoolean,
  isClassName,
  isInteger,
  isLong,
  isOneOf,
  isShort,
  type ConfigView,
  type CrossCheck,
  type ValueCheck,
} from './debezium-checks.js';
import { javaHashSetOrder } from '../../../src/cdc/java-hash-order.js';

/**
 * Where a property comes from:
 * - `debezium`: in Debezium's ConfigDef, so in its validate output (groups Postgres, Connector, Events);
 * - `debezium-runtime`: read by Debezium's connector but not in its ConfigDef (Debezium checks it, if at
 *   all, when the task starts; Tidewater checks it in validate);
 * - `tidewater`: a Tidewater extension.
 */
export type Origin = 'debezium' | 'debezium-runtime' | 'tidewater';

/** How Tidewater treats a property. */
export type Support =
  | { readonly status: 'supported' }
  /** Accepted and without effect; a value other than the default is logged as a warning. */
  | { readonly status: 'ignored'; readonly reason: string }
  /**
   * Accepted while it keeps a value Tidewater can honour (`accepts`; by default: unset or the default);
   * any other value is a validation error whose problem `reject` words. `unsupported` says which values
   * those are when not simply every value but the default (e.g. "`custom`").
   */
  | {
      readonly status: 'not supported';
      readonly unsupported?: string;
      readonly reason: string;
      readonly accepts?: (value: string) => boolean;
      readonly reject: (value: string) => string;
    };

/** A Debezium validator: of the value alone, or (`cross`) reading other keys too. */
export type Check = ValueCheck | { readonly cross: CrossCheck };

/** Marks a check that reads other keys. */
export const cross = (check: CrossCheck): Check => ({ cross: check });

/** Debezium's problems of a value, its type's check first, then the property's checks in order. */
export function runChecks(property: PgProperty, value: string | null, view: ConfigView): string[] {
  const own = typeCheck(property.type);
  const checks: readonly Check[] = [...(own ? [own] : []), ...(property.checks ?? [])];
  return checks.flatMap((check) => (typeof check === 'function' ? check(value) : check.cross(value, view)));
}

/** The parsed type of a property: its enum literals, else its config type's; null too when its default is null. */
export type ValueOf<P> =
  | (P extends { readonly enumValues: readonly (infer E extends string)[] } ? E : P extends { readonly type: infer T extends ConfigType } ? ValueOfType[T] : never)
  | (P extends { readonly default: null } ? null : never);

/** The parsed values of a list of properties, by name. */
export type ValuesOf<A extends readonly PgProperty[]> = { readonly [P in A[number] as P['name']]: ValueOf<P> };

export type PgProperty = AnyConfigKey & {
  readonly origin: Origin;
  /**
   * Debezium's validators in the order Debezium runs them (after the type's own check): checks of the
   * value alone, and checks across keys (`{ cross }`), which only validatePostgresConfig can run.
   */
  readonly checks?: readonly Check[];
  /** For enum properties: the literals, as Debezium spells them. */
  readonly enumValues?: readonly string[];
  /** Where Tidewater's default differs from Debezium's: Debezium's, as a string. */
  readonly debeziumDefault?: string;
  readonly support?: Support;
};

/** The check Debezium runs for every field of a type before its own validators. */
export function typeCheck(type: ConfigType): ValueCheck | null {
  switch (type) {
    case 'BOOLEAN':
      return isBoolean;
    case 'INT':
      return isInteger;
    case 'SHORT':
      return isShort;
    case 'LONG':
      return isLong;
    case 'CLASS':
      return isClassName;
    default:
      return null;
  }
}

/** A parsed value as the string Debezium would have read (null stays null). */
export function asDebeziumString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Password) return value.value;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * The ConfigSpec validator: the value checks on the parsed value, the first problem thrown in Debezium's
 * wording. Cross checks need the whole config and run in validatePostgresConfig.
 */
function specValidator(property: PgProperty): Validator<unknown> | undefined {
  const checks = (property.checks ?? []).filter((check): check is ValueCheck => typeof check === 'function');
  if (!checks.length) return undefined;
  const describe = property.enumValues ? `[${property.enumValues.join(', ')}]` : undefined;
  const validate = (name: string, value: unknown) => {
    const problem = checks.flatMap((check) => check(asDebeziumString(value)))[0];
    if (problem !== undefined) throw new ConfigError(debeziumMessage(name, problem), { key: name });
  };
  return Object.assign(validate, describe === undefined ? {} : { describe });
}

/** The property with its spec validator attached (what ConfigSpec.define receives). */
export function withSpecValidator(property: PgProperty): PgProperty {
  const validator = specValidator(property);
  return (validator ? { ...property, validator } : property) as PgProperty;
}

type EnumOptions = Omit<PgProperty, 'type' | 'default' | 'checks' | 'enumValues' | 'recommended' | 'validator'> & {
  readonly values: readonly string[];
  readonly default: string;
};

/**
 * A Debezium enum property: a STRING whose trimmed value must match one of the literals ignoring case;
 * the recommended values are the lower-cased literals in the order Debezium lists them.
 */
export function enumProperty<const O extends EnumOptions>(
  options: O,
): Omit<O, 'values'> & { readonly type: 'STRING'; readonly enumValues: O['values']; readonly checks: readonly Check[]; readonly recommended: readonly string[] } {
  const { values, ...rest } = options;
  return {
    ...rest,
    type: 'STRING',
    enumValues: values,
    checks: [isOneOf(values)],
    recommended: javaHashSetOrder(values.map((v) => v.toLowerCase())),
  };
}

/** `not supported` unless the value is one of `allowed` (ignoring case and surrounding spaces). */
export function onlyValues(allowed: readonly string[], reason: string, reject: (value: string) => string): Support {
  const lower = allowed.map((a) => a.toLowerCase());
  const unsupported = `values other than ${allowed.map((a) => `\`${a}\``).join(', ')}`;
  return { status: 'not supported', unsupported, reason, accepts: (v) => lower.includes(v.trim().toLowerCase()), reject };
}
