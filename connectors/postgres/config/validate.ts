/**
 * The connector's own validation (Kafka's Connector.validate) on top of the ConfigSpec's: Debezium's
 * validators run on the strings Debezium would see, so every Debezium property reports exactly
 * Debezium's messages (several per key where Debezium gives several, checks across keys included);
 * then Tidewater's rules: values Tidewater cannot honour, the column-mapping key families and the
 * extensions' own cross checks.
 */
import { ConfigError } from '../../../src/api/errors.js';
import type { ConfigValue } from '../../../src/config/spec.js';
import { findColumnMappers } from './column-mappers.js';
import { debeziumMessage, parseJavaInteger, type ConfigView } from './debezium-checks.js';
import { asDebeziumString, runChecks, type PgProperty } from './property.js';
import { POSTGRES_PROPERTY_BY_NAME } from './spec.js';

type Raw = Readonly<Record<string, unknown>>;

/** The value given for a property, under its name or a deprecated one, as a string; null if not given. */
export function givenValue(raw: Raw, property: Pick<PgProperty, 'name' | 'deprecatedNames'>): string | null {
  for (const name of [property.name, ...(property.deprecatedNames ?? [])]) {
    const value = asDebeziumString(raw[name]);
    if (value !== null) return value;
  }
  return null;
}

/** How Debezium's validators see a raw config: given values (deprecated names too), else defaults. */
export function configView(raw: Raw): ConfigView {
  const given = (name: string) => {
    const property = POSTGRES_PROPERTY_BY_NAME.get(name);
    return property ? givenValue(raw, property) : asDebeziumString(raw[name]);
  };
  const fallback = (name: string) => asDebeziumString(POSTGRES_PROPERTY_BY_NAME.get(name)?.default);
  return {
    string: (name) => given(name) ?? fallback(name),
    integer: (name) => parseJavaInteger(given(name), 32) ?? parseJavaInteger(fallback(name), 32),
  };
}

/** Debezium's problems of one property, in Debezium's order and words. */
export function debeziumProblems(property: PgProperty, view: ConfigView): string[] {
  return runChecks(property, view.string(property.name), view).map((problem) => debeziumMessage(property.name, problem));
}

const isDefault = (property: PgProperty, value: string) => {
  const normalized = value.trim().toLowerCase();
  return normalized === '' || normalized === (asDebeziumString(property.default) ?? '').toLowerCase();
};

/** Why Tidewater cannot run with the value given for a property, or null. */
export function supportProblem(property: PgProperty, given: string | null): string | null {
  const support = property.support;
  if (given === null || support?.status !== 'not supported') return null;
  const accepted = support.accepts ? support.accepts(given) : isDefault(property, given);
  return accepted ? null : debeziumMessage(property.name, support.reject(given));
}

/** Properties Tidewater ignores that were given a value other than the default: what to warn about. */
export function ignoredSettings(raw: Raw): Array<{ key: string; reason: string }> {
  const ignored: Array<{ key: string; reason: string }> = [];
  for (const property of POSTGRES_PROPERTY_BY_NAME.values()) {
    const given = givenValue(raw, property);
    if (property.support?.status === 'ignored' && given !== null && !isDefault(property, given)) {
      ignored.push({ key: property.name, reason: property.support.reason });
    }
  }
  return ignored;
}

/** Cross checks of the Tidewater extensions, in Kafka's wording as the extensions' own validators use it. */
function tidewaterProblems(name: string, values: readonly ConfigValue[]): string[] {
  if (name !== 'slot.lag.warn.bytes') return [];
  const warn = values.find((v) => v.name === 'slot.lag.warn.bytes')?.value;
  const maxValue = values.find((v) => v.name === 'slot.lag.max.bytes');
  const max = maxValue?.value;
  if (typeof warn !== 'number' || typeof max !== 'number' || maxValue?.errors.length || warn <= max) return [];
  return [ConfigError.invalid(name, warn, `Value must be no more than slot.lag.max.bytes (${max})`).message];
}

/** Schema exclude lists are hidden in Debezium's validate output (its recommender says invisible). */
const INVISIBLE = new Set(['schema.exclude.list']);

/**
 * Completes the spec's validation of `raw` in place (`values` are the spec's results): Debezium's
 * properties get Debezium's exact problems, then Tidewater's. Usable as the connector's `validate`.
 */
export function validatePostgresConfig(raw: Raw, values: ConfigValue[]): void {
  const view = configView(raw);
  const mapperProblems = findColumnMappers(raw).problems;
  for (const value of values) {
    const property = POSTGRES_PROPERTY_BY_NAME.get(value.name);
    if (!property) continue;
    if (property.origin !== 'tidewater') value.errors = debeziumProblems(property, view);
    const unsupported = supportProblem(property, givenValue(raw, property));
    if (unsupported) value.errors.push(unsupported);
    value.errors.push(...mapperProblems.filter((p) => p.familyKey === value.name).map((p) => p.message));
    value.errors.push(...tidewaterProblems(value.name, values));
    if (INVISIBLE.has(value.name)) value.visible = false;
  }
}
