/** The facts recorded from Debezium 3.2.7 (debezium-3.2.7.json, see DebeziumPostgresOracle.java), typed for the tests. */
import { readFileSync } from 'node:fs';

export interface DebeziumConfigKey {
  readonly name: string;
  readonly type: string;
  readonly default: string | null;
  readonly importance: string;
  readonly group: string;
  readonly order: number;
  readonly width: string;
  readonly displayName: string;
  readonly dependents: readonly string[];
}

export interface DebeziumValidateCase {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, readonly string[]>>;
  readonly recommended?: Readonly<Record<string, readonly string[]>>;
  readonly invisible?: readonly string[];
}

export const DEBEZIUM_FACTS: { readonly configDef: readonly DebeziumConfigKey[]; readonly cases: readonly DebeziumValidateCase[] } = JSON.parse(
  readFileSync(new URL('./debezium-3.2.7.json', import.meta.url), 'utf8'),
);
