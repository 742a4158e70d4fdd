/**
 * `message.key.columns`: which columns make a table's record key instead of its primary key, as
 * `<table regex>:<column>,<column>;<table regex>:<column>;…` (e.g. `inventory.customers:pk1,pk2;(.*).purchaseorders:pk3`).
 * Each table regex and column name make one regular expression `<table regex>.<column>`, matched
 * (whole, ignoring case) against `<schema>.<table>.<column>`.
 */
import { ConfigError } from '../../../src/api/errors.js';
import { debeziumMessage, eachEntryMatches, javaSplit, type ValueCheck } from './debezium-checks.js';

const KEY = 'message.key.columns';
const ENTRY = /^\s*([^\s:]+):([^:\s]+)\s*$/;
/** The entry pattern as Debezium prints it in its message. */
const ENTRY_SHOWN = '^\\s*([^\\s:]+):([^:\\s]+)\\s*$';

/** Debezium's check: not empty, and every `;`-separated entry is `<table regex>:<columns>`. */
export const isMessageKeyColumns: ValueCheck = eachEntryMatches(';', ENTRY, ENTRY_SHOWN);

export interface MessageKeyColumnsRule {
  /** The table regex as written. */
  readonly table: string;
  /** The column names (or column regexes) as written. */
  readonly columns: readonly string[];
  /** One anchored, case-insensitive regex per column, over `<schema>.<table>.<column>`. */
  readonly patterns: readonly RegExp[];
}

/** The rules of `message.key.columns`; null or absent gives none. Throws ConfigError with Debezium's messages. */
export function parseMessageKeyColumns(text: string | null | undefined): MessageKeyColumnsRule[] {
  if (text === null || text === undefined) return [];
  const problems = isMessageKeyColumns(text);
  if (problems.length) throw new ConfigError(problems.map((p) => debeziumMessage(KEY, p)).join('\n'), { key: KEY });
  return javaSplit(text, ';').map((entry) => {
    const [table = '', columnList = ''] = entry.trim().split(':');
    const columns = javaSplit(columnList, ',');
    return { table, columns, patterns: columns.map((column) => new RegExp(`^(?:${table}.${column})$`, 'i')) };
  });
}

/**
 * The key columns of one table: for each rule in order, the table's columns its patterns match (in the
 * table's column order, each column once); null when no rule matches, so the primary key applies.
 */
export function messageKeyColumnsFor(
  rules: readonly MessageKeyColumnsRule[],
  table: { readonly schema: string; readonly table: string },
  columnNames: readonly string[],
): string[] | null {
  const chosen: string[] = [];
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      for (const column of columnNames) {
        if (!chosen.includes(column) && pattern.test(`${table.schema}.${table.table}.${column}`)) chosen.push(column);
      }
    }
  }
  return chosen.length ? chosen : null;
}
