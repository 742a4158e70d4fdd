/**
 * Kafka's Filter: drops every record. It is meant to run under a predicate (`transforms.x.predicate`), to
 * drop the records the predicate matches (or, with `negate`, the ones it does not).
 */
import type { TransformationPlugin } from '../../api/plugin.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION } from '../util.js';

export const FILTER_CONFIG = ConfigSpec.empty();

export class Filter implements Transformation {
  configure(): void {}

  apply(): null {
    return null;
  }
}

export const FILTER_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.Filter',
  version: KAFKA_VERSION,
  doc:
    'Drops all records, filtering them from subsequent transformations in the chain. ' +
    'This is intended to be used conditionally to filter out records matching (or not matching) ' +
    'a particular Predicate.',
  config: FILTER_CONFIG,
  create: () => new Filter(),
};
