/**
 * A captured table (Debezium's TableId): catalog (database), schema and table. Its identifier in filters and
 * topic names is `schema.table` for PostgreSQL (`catalog.table` for MySQL, `db.collection` for MongoDB):
 * each adapter says which parts it uses.
 */
export interface TableId {
  readonly catalog: string | null;
  readonly schema: string | null;
  readonly table: string;
}

export function tableId(catalog: string | null, schema: string | null, table: string): TableId {
  return { catalog, schema, table };
}

/** `schema.table` (or `catalog.table` when there is no schema), as Debezium's include lists match it. */
export function tableIdentifier(id: TableId): string {
  const prefix = id.schema ?? id.catalog;
  return prefix ? `${prefix}.${id.table}` : id.table;
}

/** A stable map key for a table (all three parts). */
export function tableKey(id: TableId): string {
  return `${id.catalog ?? ''}\u0000${id.schema ?? ''}\u0000${id.table}`;
}

export function sameTable(a: TableId, b: TableId): boolean {
  return a.table === b.table && a.schema === b.schema && a.catalog === b.catalog;
}
