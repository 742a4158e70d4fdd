import { ConfigError } from '../api/errors.js';
import { convertToString, parseType, type ConfigType, type Importance, type ValueOfType, type Width } from './types.js';
import type { Validator } from './validators.js';

/** One declared configuration key (Kafka's ConfigDef.ConfigKey). */
export interface ConfigKey<T extends ConfigType = ConfigType> {
  readonly name: string;
  readonly type: T;
  /** Absent (`undefined`) means required: no default. `null` is a real default for STRING/CLASS/PASSWORD/LIST. */
  readonly default?: ValueOfType[T] | null;
  readonly importance: Importance;
  readonly doc: string;
  readonly group?: string;
  readonly orderInGroup?: number;
  readonly width?: Width;
  readonly displayName?: string;
  readonly dependents?: readonly string[];
  readonly validator?: Validator<ValueOfType[T]>;
  /** Values to offer in validate output. */
  readonly recommended?: readonly string[];
  /** Older names still accepted, each with a deprecation warning (e.g. `database.server.name`). */
  readonly deprecatedNames?: readonly string[];
  /** Hidden from docs and validate output. */
  readonly internal?: boolean;
}

/** A key of any one type: the union lets `type` select the types of `default` and `validator`. */
export type AnyConfigKey = { [T in ConfigType]: ConfigKey<T> }[ConfigType];

export const hasDefault = (key: ConfigKey): boolean => key.default !== undefined;

/** One key's validation outcome (Kafka's ConfigValue). */
export interface ConfigValue {
  readonly name: string;
  /** The parsed value, or the default when the key was not given. */
  value: unknown;
  recommendedValues: string[];
  errors: string[];
  visible: boolean;
}

/** The parsed type of a key: its type's value type, or null too when its default is null. */
type Typed<K> = K extends { readonly type: infer T extends ConfigType }
  ? K extends { readonly default: null }
    ? ValueOfType[T] | null
    : ValueOfType[T]
  : never;

/** What a warning sink receives, e.g. for deprecated names. */
export type ConfigWarn = (message: string, fields: Record<string, unknown>) => void;

/**
 * A declarative config spec, parsed once (Kafka's ConfigDef). `define` returns a new spec whose `parse`
 * result type includes the new key, so connectors get typed, frozen configs.
 */
export class ConfigSpec<Out extends Record<string, unknown> = Record<never, never>> {
  private constructor(private readonly keyList: readonly ConfigKey[]) {}

  static empty(): ConfigSpec {
    return new ConfigSpec([]);
  }

  define<const K extends AnyConfigKey>(key: K): ConfigSpec<Out & { [P in K['name']]: Typed<K> }> {
    if (this.keyList.some((k) => k.name === key.name)) throw new Error(`Configuration ${key.name} is defined twice.`);
    if (key.default !== undefined && key.default !== null && key.validator) key.validator(key.name, key.default as never);
    return new ConfigSpec([...this.keyList, key as unknown as ConfigKey]);
  }

  /** A spec with all keys of both (later keys win on a clash, as Kafka's ConfigDef.withClientSslSupport etc.). */
  merge<O extends Record<string, unknown>>(other: ConfigSpec<O>): ConfigSpec<Out & O> {
    const names = new Set(other.keys.map((k) => k.name));
    return new ConfigSpec([...this.keyList.filter((k) => !names.has(k.name)), ...other.keys]);
  }

  /**
   * The same keys renamed `prefix + name`, as Kafka's ConfigDef.embed does for `transforms.<alias>.`: the
   * display name stays the original key, validators still see the unprefixed name (so their messages say
   * `configuration regex`), and with `firstOrder` the keys are numbered in order from it.
   */
  withPrefix(prefix: string, options: { group?: string; firstOrder?: number } = {}): ConfigSpec<Record<string, unknown>> {
    return new ConfigSpec(
      this.keyList.map((k, i) => {
        const inner = k.validator;
        return {
          ...k,
          name: prefix + k.name,
          displayName: k.displayName ?? k.name,
          ...(options.group ? { group: options.group } : {}),
          ...(options.firstOrder === undefined ? {} : { orderInGroup: options.firstOrder + i }),
          dependents: (k.dependents ?? []).map((d) => prefix + d),
          ...(inner ? { validator: Object.assign((_name: string, value: never) => inner(k.name, value), { describe: inner.describe }) } : {}),
        } as ConfigKey;
      }),
    );
  }

  get keys(): readonly ConfigKey[] {
    return this.keyList;
  }

  key(name: string): ConfigKey | undefined {
    return this.keyList.find((k) => k.name === name);
  }

  /** Group names in order of first appearance (Kafka's ConfigDef.groups). */
  get groups(): string[] {
    return [...new Set(this.keyList.map((k) => k.group).filter((g): g is string => !!g))];
  }

  /**
   * Parses and validates `raw`, throwing one ConfigError that lists every problem. Keys are read under
   * their deprecated names too (with a warning). Unknown keys are ignored, as Kafka does.
   */
  parse(raw: Readonly<Record<string, unknown>>, warn?: ConfigWarn): Readonly<Out> {
    const values = this.validate(raw, warn);
    // A missing key is one problem here (its validator's complaint about null only matters to validate output).
    const problems = values.flatMap((v) => (v.errors[0]?.startsWith('Missing required configuration') ? [v.errors[0]] : v.errors));
    if (problems.length) {
      const first = values.find((v) => v.errors.length);
      throw new ConfigError(problems.join('\n'), first ? { key: first.name } : {});
    }
    const out: Record<string, unknown> = {};
    for (const v of values) out[v.name] = v.value;
    return Object.freeze(out) as Readonly<Out>;
  }

  /** Every key's outcome, all problems included (Kafka's ConfigDef.validate). Never throws for bad values. */
  validate(raw: Readonly<Record<string, unknown>>, warn?: ConfigWarn): ConfigValue[] {
    return this.keyList.map((key) => {
      const result: ConfigValue = { name: key.name, value: null, recommendedValues: [...(key.recommended ?? [])], errors: [], visible: true };
      const given = readWithDeprecatedNames(key, raw, warn);
      if (given === undefined && !hasDefault(key)) {
        // Kafka still runs the validator, with null: some reject it too (e.g. a non-empty list).
        result.errors.push(`Missing required configuration "${key.name}" which has no default value.`);
        collectError(result, () => key.validator?.(key.name, null as never));
        return result;
      }
      // As in Kafka, a value that fails to parse becomes null and still goes through the validator.
      collectError(result, () => (result.value = given === undefined ? key.default : parseType(key.name, given, key.type)));
      collectError(result, () => key.validator?.(key.name, result.value as never));
      return result;
    });
  }
}

function collectError(result: ConfigValue, step: () => void): void {
  try {
    step();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    result.errors.push(err.message);
  }
}

function readWithDeprecatedNames(key: ConfigKey, raw: Readonly<Record<string, unknown>>, warn?: ConfigWarn): unknown {
  if (raw[key.name] !== undefined) return raw[key.name];
  for (const old of key.deprecatedNames ?? []) {
    if (raw[old] !== undefined) {
      warn?.(`Configuration "${old}" is deprecated; use "${key.name}" instead`, { deprecated: old, replacement: key.name });
      return raw[old];
    }
  }
  return undefined;
}

/** Kafka's ConfigKeyInfo (the `definition` half of a validate result, and `GET …/config` entries). */
export interface ConfigKeyInfo {
  name: string;
  type: ConfigType;
  required: boolean;
  default_value: string | null;
  importance: Importance;
  documentation: string;
  group: string | null;
  order: number;
  width: Width;
  display_name: string;
  dependents: string[];
}

export function keyInfo(key: ConfigKey): ConfigKeyInfo {
  return {
    name: key.name,
    type: key.type,
    required: !hasDefault(key),
    default_value: hasDefault(key) ? convertToString(key.default, key.type) : null,
    importance: key.importance,
    documentation: key.doc,
    group: key.group ?? null,
    order: key.orderInGroup ?? -1,
    width: key.width ?? 'NONE',
    display_name: key.displayName ?? key.name,
    dependents: [...(key.dependents ?? [])],
  };
}

/** Kafka's ConfigValueInfo (the `value` half of a validate result). */
export interface ConfigValueInfo {
  name: string;
  value: string | null;
  recommended_values: string[];
  errors: string[];
  visible: boolean;
}

export function valueInfo(key: ConfigKey, value: ConfigValue): ConfigValueInfo {
  return {
    name: value.name,
    value: convertToString(value.value, key.type),
    recommended_values: value.recommendedValues,
    errors: value.errors,
    visible: value.visible,
  };
}

/** Kafka's ConfigInfos: the body of `PUT /connector-plugins/{plugin}/config/validate`. */
export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: Array<{ definition: ConfigKeyInfo; value: ConfigValueInfo }>;
}
