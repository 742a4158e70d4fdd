/**
 * Kafka's RegexRouter: renames the topic when the whole topic name matches a Java regular expression, using
 * Java's replaceFirst and replacement syntax (`$1`, `${name}` — a named-group reference, so a `${timestamp}`
 * in the replacement needs a `(?<timestamp>…)` group). See java-regex.ts for how Java regexes are run.
 */
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';
import { javaRegex } from './group-b-support.js';
import { JavaPattern, type JavaReplacement } from './java-regex.js';

export const REGEX_ROUTER_CONFIG = ConfigSpec.empty()
  .define({ name: 'regex', type: 'STRING', importance: 'HIGH', validator: javaRegex, doc: 'Regular expression to use for matching.' })
  .define({ name: 'replacement', type: 'STRING', importance: 'HIGH', doc: 'Replacement string.' });

export class RegexRouter implements Transformation {
  private pattern: JavaPattern | null = null;
  private replacement: JavaReplacement | null = null;

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = REGEX_ROUTER_CONFIG.parse(config);
    this.pattern = JavaPattern.compile(parsed.regex);
    // Like Java, a bad replacement is only reported when a topic matches.
    this.replacement = this.pattern.replacement(parsed.replacement);
  }

  apply<R extends ConnectRecord>(record: R): R {
    const { pattern, replacement } = this;
    if (!pattern || !replacement) throw new Error('RegexRouter used before configure()');
    if (!pattern.matches(record.topic)) return record;
    return withChanges(record, { topic: pattern.replaceFirst(record.topic, replacement) });
  }
}

export const REGEX_ROUTER_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.RegexRouter',
  version: KAFKA_VERSION,
  doc:
    'Update the record topic using the configured regular expression and replacement string.' +
    '<p/>Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. ' +
    'If the pattern matches the input topic, <code>java.util.regex.Matcher#replaceFirst()</code> is used with the replacement string to obtain the new topic.',
  config: REGEX_ROUTER_CONFIG,
  create: () => new RegexRouter(),
};
