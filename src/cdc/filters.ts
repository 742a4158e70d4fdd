/**
 * Debezium's include/exclude lists: comma-separated regular expressions, each a Java regular expression
 * matched against the WHOLE identifier (`matches()`), case-insensitively for ASCII letters (Debezium compiles
 * them with Pattern.CASE_INSENSITIVE and without UNICODE_CASE). An include list wins over its exclude list
 * (Debezium rejects configs with both, see the connector's validation). System schemas and tables are never
 * captured, whatever the lists say.
 */
import { JavaPattern } from '../transforms/kafka/java-regex.js';
import { tableIdentifier, type TableId } from './table-id.js';

/**
 * Debezium's RegExSplitter: splits at commas that are not escaped (a backslash escapes whatever follows it),
 * turns `\,` into `,`, trims, and drops empty elements. Throws on a trailing lone backslash.
 */
export function splitRegexList(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      if (i + 1 >= text.length) throw new Error('Unterminated escape sequence at the end of the string');
      i++;
    } else if (text[i] === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/\\,/g, ','));
}

/** The list's expressions, compiled as Debezium does (Java syntax, ASCII case folding). */
export function regexList(value: string | null | undefined): JavaPattern[] {
  if (!value || !value.trim()) return [];
  return splitRegexList(value).map((p) => JavaPattern.compile(`(?i)${p}`));
}

const anyMatch = (patterns: readonly JavaPattern[], text: string) => patterns.some((p) => p.matches(text));

/** Which tables are captured: schema and table include/exclude lists, as Debezium's RelationalTableFilters. */
export class TableFilter {
  private readonly schemaInclude: JavaPattern[];
  private readonly schemaExclude: JavaPattern[];
  private readonly tableInclude: JavaPattern[];
  private readonly tableExclude: JavaPattern[];
  private readonly isSystem: (id: TableId) => boolean;

  constructor(options: {
    schemaInclude?: string | null;
    schemaExclude?: string | null;
    tableInclude?: string | null;
    tableExclude?: string | null;
    /** Schemas never captured (PostgreSQL: pg_catalog, information_schema), compared without case. */
    systemSchemas?: readonly string[];
    /** Any other rule for built-in tables Debezium never captures (PostgreSQL: pg_temp*, spatial_ref_sys). */
    systemTable?: (id: TableId) => boolean;
  }) {
    this.schemaInclude = regexList(options.schemaInclude);
    this.schemaExclude = regexList(options.schemaExclude);
    this.tableInclude = regexList(options.tableInclude);
    this.tableExclude = regexList(options.tableExclude);
    const systemSchemas = new Set((options.systemSchemas ?? []).map((s) => s.toLowerCase()));
    const systemTable = options.systemTable;
    this.isSystem = (id) => systemSchemas.has((id.schema ?? id.catalog ?? '').toLowerCase()) || (systemTable?.(id) ?? false);
  }

  includes(id: TableId): boolean {
    if (this.isSystem(id)) return false;
    const schema = id.schema ?? id.catalog ?? '';
    if (this.schemaInclude.length ? !anyMatch(this.schemaInclude, schema) : anyMatch(this.schemaExclude, schema)) return false;
    const identifier = tableIdentifier(id);
    if (this.tableInclude.length) return anyMatch(this.tableInclude, identifier);
    return !anyMatch(this.tableExclude, identifier);
  }
}

/** Which columns are captured: `column.include.list` / `column.exclude.list` over `schema.table.column`. */
export class ColumnFilter {
  private readonly include: JavaPattern[];
  private readonly exclude: JavaPattern[];

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
