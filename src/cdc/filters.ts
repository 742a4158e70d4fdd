/**
 * Debezium's include/exclude lists: comma-separated regular expressions, each matched against the WHOLE
 * identifier (Java's `matches()`), case-insensitively where Debezium is (PostgreSQL: case-sensitive for
 * tables and columns as given; the lists are matched as written). An include list wins over its exclude list
 * (Debezium rejects configs with both, see the connector's validation).
 */
import { tableIdentifier, type TableId } from './table-id.js';

/** Splits Debezium's comma-separated regex lists; a backslash-escaped comma stays inside an expression. */
export function regexList(value: string | null | undefined): RegExp[] {
  if (!value || !value.trim()) return [];
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && value[i + 1] === ',') {
      current += ',';
      i++;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean).map((p) => new RegExp(`^(?:${p})$`));
}

const anyMatch = (patterns: readonly RegExp[], text: string) => patterns.some((p) => p.test(text));

/** Which tables are captured: schema and table include/exclude lists, as Debezium's RelationalTableFilters. */
export class TableFilter {
  private readonly schemaInclude: RegExp[];
  private readonly schemaExclude: RegExp[];
  private readonly tableInclude: RegExp[];
  private readonly tableExclude: RegExp[];

  constructor(options: {
    schemaInclude?: string | null;
    schemaExclude?: string | null;
    tableInclude?: string | null;
    tableExclude?: string | null;
    /** Schemas never captured (PostgreSQL: pg_catalog, information_schema). */
    systemSchemas?: readonly string[];
  }) {
    this.schemaInclude = regexList(options.schemaInclude);
    this.schemaExclude = [...regexList(options.schemaExclude), ...(options.systemSchemas ?? []).map((s) => new RegExp(`^${s}$`))];
    this.tableInclude = regexList(options.tableInclude);
    this.tableExclude = regexList(options.tableExclude);
  }

  includes(id: TableId): boolean {
    const schema = id.schema ?? id.catalog ?? '';
    if (this.schemaInclude.length ? !anyMatch(this.schemaInclude, schema) : anyMatch(this.schemaExclude, schema)) return false;
    const identifier = tableIdentifier(id);
    if (this.tableInclude.length) return anyMatch(this.tableInclude, identifier);
    return !anyMatch(this.tableExclude, identifier);
  }
}

/** Which columns are captured: `column.include.list` / `column.exclude.list` over `schema.table.column`. */
export class ColumnFilter {
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];

  constructor(options: { include?: string | null; exclude?: string | null }) {
    this.include = regexList(options.include);
    this.exclude = regexList(options.exclude);
  }

  includes(id: TableId, column: string): boolean {
    const full = `${tableIdentifier(id)}.${column}`;
    if (this.include.length) return anyMatch(this.include, full);
    return !anyMatch(this.exclude, full);
  }
}
