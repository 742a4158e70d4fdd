import type { Schema } from './data/schema.js';
import type { Headers } from './headers.js';

export interface SchemaAndValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}

export const NULL_SCHEMA_AND_VALUE: SchemaAndValue = Object.freeze({ schema: null, value: null });

/**
 * Converts between Connect data and the bytes stored in a topic (Kafka's Converter). `configure` receives
 * the converter's own sub-config (`value.converter.schemas.enable=false` arrives as `schemas.enable`).
 */
export interface Converter {
  configure(config: Readonly<Record<string, string>>, isKey: boolean): void;
  fromConnectData(topic: string, headers: Headers | null, schema: Schema | null, value: unknown): Uint8Array | null;
  toConnectData(topic: string, headers: Headers | null, bytes: Uint8Array | null): SchemaAndValue;
  close?(): void | Promise<void>;
}

/** Converts header values (Kafka's HeaderConverter). */
export interface HeaderConverter {
  configure(config: Readonly<Record<string, string>>): void;
  fromConnectHeader(topic: string, headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null;
  toConnectHeader(topic: string, headerKey: string, bytes: Uint8Array | null): SchemaAndValue;
  close?(): void | Promise<void>;
}
