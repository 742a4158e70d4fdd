import { DataError } from '../errors.js';
import { fieldOf, schemaEquals, validateValue, valueEquals, type Field, type Schema } from './schema.js';

/**
 * A structured record value with a fixed struct schema (Kafka's Struct). Values are stored by field index;
 * `get` falls back to the field's default value like Kafka's `get`, `getWithoutDefault` does not.
 */
export class Struct {
  private readonly values: unknown[];

  constructor(readonly schema: Schema) {
    if (schema.type !== 'struct') throw new DataError('Not a struct schema: ' + schema.type);
    this.values = new Array<unknown>(schema.fields?.length ?? 0).fill(null);
  }

  private lookup(name: string): Field {
    const field = fieldOf(this.schema, name);
    if (!field) throw new DataError(`${name} is not a valid field name`);
    return field;
  }

  get(field: string | Field): unknown {
    const f = typeof field === 'string' ? this.lookup(field) : field;
    const value = this.values[f.index];
    return value === null || value === undefined ? (f.schema.defaultValue ?? null) : value;
  }

  getWithoutDefault(field: string | Field): unknown {
    const f = typeof field === 'string' ? this.lookup(field) : field;
    return this.values[f.index] ?? null;
  }

  /** Sets a field, checking the value against the field's schema. Returns this, for chaining. */
  put(field: string | Field, value: unknown): this {
    const f = typeof field === 'string' ? this.lookup(field) : field;
    if (typeof field !== 'string' && this.schema.fields?.[f.index] !== f) {
      throw new DataError(`Field ${f.name} is not part of this struct's schema`);
    }
    validateValue(f.schema, value, f.name);
    this.values[f.index] = value;
    return this;
  }

  /** Sets a field without validation; for hot paths that build values known to fit the schema. */
  putUnchecked(index: number, value: unknown): this {
    this.values[index] = value;
    return this;
  }

  getString(field: string): string | null {
    return this.get(field) as string | null;
  }

  getStruct(field: string): Struct | null {
    return this.get(field) as Struct | null;
  }

  /** Checks every field against its schema (required fields must be set). */
  validate(): void {
    for (const field of this.schema.fields ?? []) validateValue(field.schema, this.values[field.index], field.name);
  }

  equals(other: unknown): boolean {
    if (!(other instanceof Struct) || other.schema.fields?.length !== this.schema.fields?.length) return false;
    return schemaEquals(this.schema, other.schema) && this.values.every((v, i) => valueEquals(v, other.values[i]));
  }

  /** Kafka's format: `Struct{id=1,name=x}`, null fields left out. */
  toString(): string {
    const parts = (this.schema.fields ?? [])
      .filter((f) => this.values[f.index] !== null && this.values[f.index] !== undefined)
      .map((f) => `${f.name}=${String(this.values[f.index])}`);
    return `Struct{${parts.join(',')}}`;
  }
}
