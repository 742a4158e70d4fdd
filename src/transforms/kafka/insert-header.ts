/**
 * Kafka's InsertHeader: adds a header with a fixed value to every record (after any headers of the same
 * name). The literal is typed as Kafka's Values.parseString types it (src/converters/values, shared with SimpleHeaderConverter): `1234` is an
 * INT16, `true` a BOOLEAN, `null` a null without schema, anything unparseable a STRING.
 */
import type { SchemaAndValue } from '../../api/converter.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';
import { parseValuesString } from '../../converters/values/values-parser.js';
import { nonNullString } from './group-b-support.js';

export const INSERT_HEADER_CONFIG = ConfigSpec.empty()
  .define({ name: 'header', type: 'STRING', importance: 'HIGH', validator: nonNullString, doc: 'The name of the header.' })
  .define({
    name: 'value.literal',
    type: 'STRING',
    importance: 'HIGH',
    validator: nonNullString,
    doc: 'The literal value that is to be set as the header value on all records.',
  });

export class InsertHeader implements Transformation {
  private header = '';
  private literal: SchemaAndValue | null = null;

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = INSERT_HEADER_CONFIG.parse(config);
    this.header = parsed.header;
    this.literal = parseValuesString(parsed['value.literal']);
  }

  apply<R extends ConnectRecord>(record: R): R {
    if (!this.literal) throw new Error('InsertHeader used before configure()');
    const headers = record.headers.duplicate().add(this.header, this.literal.value, this.literal.schema);
    return withChanges(record, { headers });
  }
}

export const INSERT_HEADER_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.InsertHeader',
  version: KAFKA_VERSION,
  doc: 'Add a header to each record.',
  config: INSERT_HEADER_CONFIG,
  create: () => new InsertHeader(),
};
