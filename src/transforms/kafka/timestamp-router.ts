/**
 * Kafka's TimestampRouter: sets the topic from `topic.format`, replacing `${topic}` with the topic and then
 * `${timestamp}` with the record timestamp formatted by a SimpleDateFormat pattern in UTC.
 */
import { ConnectError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';
import { describeRecord } from './group-b-support.js';
import { IllegalDatePatternError, JavaDateFormat } from './java-date-format.js';

export const TIMESTAMP_ROUTER_CONFIG = ConfigSpec.empty()
  .define({
    name: 'topic.format',
    type: 'STRING',
    default: '${topic}-${timestamp}',
    importance: 'HIGH',
    doc: 'Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.',
  })
  .define({
    name: 'timestamp.format',
    type: 'STRING',
    default: 'yyyyMMdd',
    importance: 'HIGH',
    doc: 'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
  });

export class TimestampRouter implements Transformation {
  private topicFormat = '';
  private timestampFormat: JavaDateFormat | ConnectError | null = null;

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = TIMESTAMP_ROUTER_CONFIG.parse(config);
    this.topicFormat = parsed['topic.format'];
    try {
      this.timestampFormat = new JavaDateFormat(parsed['timestamp.format']);
    } catch (err) {
      // Kafka builds its SimpleDateFormat on first use, so a bad pattern fails the first record, not configure.
      if (!(err instanceof IllegalDatePatternError)) throw err;
      this.timestampFormat = new ConnectError(err.message, { cause: err });
    }
  }

  apply<R extends ConnectRecord>(record: R): R {
    if (!this.timestampFormat) throw new Error('TimestampRouter used before configure()');
    if (record.timestamp === null) throw new DataError(`Timestamp missing on record: ${describeRecord(record)}`);
    if (this.timestampFormat instanceof ConnectError) throw this.timestampFormat;
    const formatted = this.timestampFormat.format(new Date(record.timestamp));
    // Literal replacements, topic first, as Kafka does.
    const topic = this.topicFormat.split('${topic}').join(record.topic).split('${timestamp}').join(formatted);
    return withChanges(record, { topic });
  }
}

export const TIMESTAMP_ROUTER_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.TimestampRouter',
  version: KAFKA_VERSION,
  doc:
    "Update the record's topic field as a function of the original topic value and the record timestamp." +
    '<p/>' +
    'This is mainly useful for sink connectors, since the topic field is often used to determine the equivalent entity name in the destination system' +
    '(e.g. database table or search index name).',
  config: TIMESTAMP_ROUTER_CONFIG,
  create: () => new TimestampRouter(),
};
