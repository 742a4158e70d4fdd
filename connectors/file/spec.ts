/** The file connectors' configs, as Kafka's FileStreamSourceConnector and FileStreamSinkConnector define them. */
import { ConfigSpec } from '../../src/config/spec.js';
import { nonEmptyString } from '../../src/config/validators.js';

export const FILE_CONNECTOR_VERSION = '3.9.1';

export const fileSourceConfig = ConfigSpec.empty()
  .define({ name: 'file', type: 'STRING', default: null, importance: 'HIGH', doc: 'Source filename. If not specified, the standard input will be used' })
  .define({ name: 'topic', type: 'STRING', importance: 'HIGH', doc: 'The topic to publish data to', validator: nonEmptyString })
  .define({ name: 'batch.size', type: 'INT', default: 2000, importance: 'LOW', doc: 'The maximum number of records the source task can read from the file each time it is polled' });

export const fileSinkConfig = ConfigSpec.empty().define({
  name: 'file',
  type: 'STRING',
  default: null,
  importance: 'HIGH',
  doc: 'Destination filename. If not specified, the standard output stream will be used',
});
