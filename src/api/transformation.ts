import type { ConnectRecord } from './record.js';

/**
 * A single message transform (Kafka's Transformation). `apply` returns the transformed record, or null to
 * drop it. Implementations handle both schemaful (Struct) and schemaless (Map) records.
 */
export interface Transformation<R extends ConnectRecord = ConnectRecord> {
  configure(config: Readonly<Record<string, string>>): void;
  apply(record: R): R | null;
  close?(): void;
}

/** Decides whether a transform applies to a record (Kafka's Predicate). */
export interface Predicate<R extends ConnectRecord = ConnectRecord> {
  configure(config: Readonly<Record<string, string>>): void;
  test(record: R): boolean;
  close?(): void;
}
