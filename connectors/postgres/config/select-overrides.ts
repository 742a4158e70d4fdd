/**
 * `snapshot.select.statement.overrides`: the tables (`<schema>.<table>`, comma-separated) whose snapshot
 * SELECT is replaced, each by the statement in `snapshot.select.statement.overrides.<schema>.<table>`.
 * A table listed without its statement is skipped with Debezium's warning.
 */
import type { ConfigWarn } from '../../../src/config/spec.js';
import { javaSplit } from './debezium-checks.js';

const KEY = 'snapshot.select.statement.overrides';

export interface SelectOverride {
  /** As listed, e.g. `public.orders` (also the suffix of the statement's key). */
  readonly listed: string;
  readonly schema: string | null;
  readonly table: string;
  readonly statement: string;
}

/**
 * Splits `a.b`, `"a.b".c` or `a` into identifiers at the dots outside double quotes (a doubled quote is a
 * quote inside), as Debezium's TableId.parse does. Returns [schema or null, table]; a third leading part
 * (a database name) is dropped.
 */
export function parseTableName(text: string): { schema: string | null; table: string } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  const table = parts[parts.length - 1] ?? '';
  return { schema: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, table };
}

/** The overrides in listing order. `raw` is the connector config (statement keys are read from it). */
export function parseSelectOverrides(raw: Readonly<Record<string, unknown>>, warn?: ConfigWarn): SelectOverride[] {
  const list = raw[KEY];
  if (list === undefined || list === null) return [];
  const overrides: SelectOverride[] = [];
  for (const listed of javaSplit(String(list), ',').map((t) => t.trim())) {
    const statementKey = `${KEY}.${listed}`;
    const statement = raw[statementKey];
    if (statement === undefined || statement === null) {
      warn?.(`Detected ${KEY} for ${statementKey} but no statement property ${listed} defined`, { key: KEY, table: listed });
      continue;
    }
    overrides.push({ listed, ...parseTableName(listed), statement: String(statement) });
  }
  return overrides;
}
