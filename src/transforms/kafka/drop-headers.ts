/** Kafka's DropHeaders: removes every header whose name is listed in `headers`. */
import { Headers } from '../../api/headers.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';
import { nonEmptyList } from './group-b-support.js';

export const DROP_HEADERS_CONFIG = ConfigSpec.empty().define({
  name: 'headers',
  type: 'LIST',
  importance: 'HIGH',
  validator: nonEmptyList,
  doc: 'The name of the headers to be removed.',
});

export class DropHeaders implements Transformation {
  private names = new Set<string>();

  configure(config: Readonly<Record<string, string>>): void {
    this.names = new Set(DROP_HEADERS_CONFIG.parse(config).headers);
  }

  apply<R extends ConnectRecord>(record: R): R {
    const kept = new Headers(record.headers.toArray().filter((header) => !this.names.has(header.key)));
    return withChanges(record, { headers: kept });
  }
}

export const DROP_HEADERS_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.DropHeaders',
  version: KAFKA_VERSION,
  doc: 'Removes one or more headers from each record.',
  config: DROP_HEADERS_CONFIG,
  create: () => new DropHeaders(),
};
