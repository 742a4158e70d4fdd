/** Kafka's TopicNameMatches predicate: true when the whole topic name matches a Java regular expression. */
import type { PredicatePlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Predicate } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { all, nonEmptyString } from '../../config/validators.js';
import { javaRegex } from '../kafka/group-b-support.js';
import { JavaPattern } from '../kafka/java-regex.js';
import { KAFKA_VERSION } from '../util.js';

export const TOPIC_NAME_MATCHES_CONFIG = ConfigSpec.empty().define({
  name: 'pattern',
  type: 'STRING',
  importance: 'MEDIUM',
  validator: all(nonEmptyString, javaRegex),
  doc: "A Java regular expression for matching against the name of a record's topic.",
});

export class TopicNameMatches implements Predicate {
  private pattern: JavaPattern | null = null;

  configure(config: Readonly<Record<string, string>>): void {
    this.pattern = JavaPattern.compile(TOPIC_NAME_MATCHES_CONFIG.parse(config).pattern);
  }

  test(record: ConnectRecord): boolean {
    if (!this.pattern) throw new Error('TopicNameMatches used before configure()');
    return this.pattern.matches(record.topic);
  }

  toString(): string {
    return `TopicNameMatches{pattern=${this.pattern?.pattern ?? 'null'}}`;
  }
}

export const TOPIC_NAME_MATCHES_PLUGIN: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
  version: KAFKA_VERSION,
  doc: 'A predicate which is true for records with a topic name that matches the configured regular expression.',
  config: TOPIC_NAME_MATCHES_CONFIG,
  create: () => new TopicNameMatches(),
};
