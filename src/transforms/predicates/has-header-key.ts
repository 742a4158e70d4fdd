/** Kafka's HasHeaderKey predicate: true when the record has at least one header with the given name. */
import type { PredicatePlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Predicate } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { nonEmptyString } from '../../config/validators.js';
import { KAFKA_VERSION } from '../util.js';

export const HAS_HEADER_KEY_CONFIG = ConfigSpec.empty().define({
  name: 'name',
  type: 'STRING',
  importance: 'MEDIUM',
  validator: nonEmptyString,
  doc: 'The header name.',
});

export class HasHeaderKey implements Predicate {
  private name = '';

  configure(config: Readonly<Record<string, string>>): void {
    this.name = HAS_HEADER_KEY_CONFIG.parse(config).name;
  }

  test(record: ConnectRecord): boolean {
    return record.headers.lastWithName(this.name) !== undefined;
  }
}

export const HAS_HEADER_KEY_PLUGIN: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
  version: KAFKA_VERSION,
  doc: 'A predicate which is true for records with at least one header with the configured name.',
  config: HAS_HEADER_KEY_CONFIG,
  create: () => new HasHeaderKey(),
};
