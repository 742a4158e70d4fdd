/** Kafka's RecordIsTombstone predicate: true for records whose value is null (tombstones). */
import type { PredicatePlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Predicate } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';

export const RECORD_IS_TOMBSTONE_CONFIG = ConfigSpec.empty();

export class RecordIsTombstone implements Predicate {
  configure(): void {}

  test(record: ConnectRecord): boolean {
    return record.value === null || record.value === undefined;
  }
}

export const RECORD_IS_TOMBSTONE_PLUGIN: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
  version: KAFKA_VERSION,
  doc: 'A predicate which is true for records which are tombstones (i.e. have null value).',
  config: RECORD_IS_TOMBSTONE_CONFIG,
  create: () => new RecordIsTombstone(),
};
