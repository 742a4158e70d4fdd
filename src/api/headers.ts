import type { Schema } from './data/schema.js';

/** One record header: a key and a Connect value with an optional schema (Kafka's Header). */
export interface Header {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/**
 * The ordered, multi-valued headers of a record (Kafka's ConnectHeaders). Mutable like Kafka's; an SMT that
 * changes headers works on `duplicate()` so the input record is left alone.
 */
export class Headers implements Iterable<Header> {
  private list: Header[];

  constructor(headers: Iterable<Header> = []) {
    this.list = [...headers];
  }

  get size(): number {
    return this.list.length;
  }

  add(key: string, value: unknown, schema: Schema | null = null): this {
    this.list.push({ key, value, schema });
    return this;
  }

  addHeader(header: Header): this {
    this.list.push(header);
    return this;
  }

  /** The last header with this key (Kafka's lastWithName), or undefined. */
  lastWithName(key: string): Header | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]?.key === key) return this.list[i];
    return undefined;
  }

  allWithName(key: string): Header[] {
    return this.list.filter((h) => h.key === key);
  }

  remove(key: string): this {
    this.list = this.list.filter((h) => h.key !== key);
    return this;
  }

  clear(): this {
    this.list = [];
    return this;
  }

  duplicate(): Headers {
    return new Headers(this.list);
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]();
  }

  toArray(): readonly Header[] {
    return this.list;
  }
}
