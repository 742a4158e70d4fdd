/**
 * `replica.identity.autoset.values`: the REPLICA IDENTITY the connector sets on captured tables at start,
 * as `<table regex>:<identity>,…` where the identity is DEFAULT, FULL, NOTHING or `INDEX <index name>`
 * (e.g. `public.orders:FULL,public.items:INDEX items_pk`). A table regex is matched (whole, ignoring case)
 * against `<schema>.<table>`; a table matched by two entries is an error.
 */
import { ConfigError } from '../../../src/api/errors.js';
import { debeziumMessage, eachEntryMatches, type ValueCheck } from './debezium-checks.js';

const KEY = 'replica.identity.autoset.values';
const ENTRY = /^\s*(?<table>[^\s:]+):(?<identity>DEFAULT|(INDEX) (?<index>.\w*)|FULL|NOTHING)\s*$/i;
/** The entry pattern as Debezium prints it in its message. */
const ENTRY_SHOWN = '(?i)^\\s*(?<tablepredicate>[^\\s:]+):(?<replicaidentity>DEFAULT|(INDEX) (?<indexname>.\\w*)|FULL|NOTHING)\\s*$';

/** Debezium's check: not empty, and every `,`-separated entry is `<table regex>:<identity>`. */
export const isReplicaIdentityAutoset: ValueCheck = eachEntryMatches(',', ENTRY, ENTRY_SHOWN);

export type ReplicaIdentity = 'DEFAULT' | 'FULL' | 'NOTHING' | 'INDEX';

export interface ReplicaIdentityRule {
  /** The table regex as written. */
  readonly table: string;
  readonly pattern: RegExp;
  /** Upper-cased (Debezium accepts any case in the check). */
  readonly identity: ReplicaIdentity;
  /** For INDEX: the index name. */
  readonly indexName: string | null;
}

/** The rules of `replica.identity.autoset.values`; null or absent gives none. Throws ConfigError with Debezium's messages. */
export function parseReplicaIdentityAutoset(text: string | null | undefined): ReplicaIdentityRule[] {
  if (text === null || text === undefined) return [];
  const problems = isReplicaIdentityAutoset(text);
  if (problems.length) throw new ConfigError(problems.map((p) => debeziumMessage(KEY, p)).join('\n'), { key: KEY });
  return text.split(',').flatMap((entry) => {
    const groups = ENTRY.exec(entry)?.groups;
    if (!groups) return [];
    const table = groups.table ?? '';
    const identity = (groups.identity ?? '').replace(/\s.*$/, '').toUpperCase() as ReplicaIdentity;
    return [{ table, pattern: new RegExp(`^(?:${table})$`, 'i'), identity, indexName: groups.index ?? null }];
  });
}

/** The rule for `<schema>.<table>`, or null. Throws when two rules match, with Debezium's message. */
export function replicaIdentityFor(rules: readonly ReplicaIdentityRule[], table: { readonly schema: string; readonly table: string }): ReplicaIdentityRule | null {
  const name = `${table.schema}.${table.table}`;
  const matching = rules.filter((rule) => rule.pattern.test(name));
  if (matching.length > 1) throw new ConfigError(`More than one Regular expressions matched table ${name}`, { key: KEY });
  return matching[0] ?? null;
}
