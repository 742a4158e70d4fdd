/**
 * A captured table's Connect schemas and row conversion (Debezium's TableSchemaBuilder/TableSchema): key
 * schema `<prefix>.<schema>.<table>.Key` from the key columns, value schema `….Value` from the captured
 * columns, envelope `….Envelope`. Rows arrive as arrays of the adapter's raw column values (in table column
 * order); each column's converter turns its raw value into the Connect value.
 */
import { SchemaBuilder, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { envelopeSchema } from './envelope.js';
import type { TableId } from './table-id.js';

/** How one column maps to Connect: its field schema (optionality included) and the value conversion. */
export interface ColumnMapping {
  readonly schema: Schema;
  /** Raw value (as the adapter decoded it, or null) → Connect value. */
  convert(raw: unknown): unknown;
}

export interface CapturedColumn {
  readonly name: string;
  /** Index of this column's value in the adapter's raw row arrays. */
  readonly rowIndex: number;
  readonly mapping: ColumnMapping;
}

export interface CapturedTableOptions {
  readonly id: TableId;
  readonly topic: string;
  /** The schema name stem: `<prefix>.<schema>.<table>` (after Debezium's schema name adjustment). */
  readonly schemaNameStem: string;
  /** Captured columns in table order. */
  readonly columns: readonly CapturedColumn[];
  /** The columns forming the record key, in key order; empty for a keyless table (null key). */
  readonly keyColumns: readonly CapturedColumn[];
  readonly sourceSchema: Schema;
}

export class CapturedTable {
  readonly id: TableId;
  readonly topic: string;
  readonly keySchema: Schema | null;
  readonly valueSchema: Schema;
  readonly envelopeSchema: Schema;
  private readonly columns: readonly CapturedColumn[];
  private readonly keyColumns: readonly CapturedColumn[];

  constructor(options: CapturedTableOptions) {
    this.id = options.id;
    this.topic = options.topic;
    this.columns = options.columns;
    this.keyColumns = options.keyColumns;
    const value = SchemaBuilder.struct().name(`${options.schemaNameStem}.Value`).optional();
    for (const c of options.columns) value.field(c.name, c.mapping.schema);
    this.valueSchema = value.build();
    if (options.keyColumns.length) {
      const key = SchemaBuilder.struct().name(`${options.schemaNameStem}.Key`);
      for (const c of options.keyColumns) key.field(c.name, c.mapping.schema);
      this.keySchema = key.build();
    } else {
      this.keySchema = null;
    }
    this.envelopeSchema = envelopeSchema(`${options.schemaNameStem}.Envelope`, this.valueSchema, options.sourceSchema);
  }

  /** The row's value struct (columns converted). */
  valueOf(row: readonly unknown[]): Struct {
    return this.fill(new Struct(this.valueSchema), this.columns, row);
  }

  /** The row's key struct, or null for a keyless table. */
  keyOf(row: readonly unknown[]): Struct | null {
    return this.keySchema ? this.fill(new Struct(this.keySchema), this.keyColumns, row) : null;
  }

  private fill(struct: Struct, columns: readonly CapturedColumn[], row: readonly unknown[]): Struct {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as CapturedColumn;
      // Null goes through the converter too: a NOT NULL column turns it into its fallback, as Debezium's do.
      struct.putUnchecked(i, column.mapping.convert(row[column.rowIndex] ?? null));
    }
    return struct;
  }
}
