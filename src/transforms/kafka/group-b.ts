/**
 * Kafka's built-in routing, timestamp, header, schema-metadata and filter SMTs, and its predicates, as
 * plugins for the registry.
 */
import type { PredicatePlugin, TransformationPlugin } from '../../api/plugin.js';
import { HAS_HEADER_KEY_PLUGIN } from '../predicates/has-header-key.js';
import { RECORD_IS_TOMBSTONE_PLUGIN } from '../predicates/record-is-tombstone.js';
import { TOPIC_NAME_MATCHES_PLUGIN } from '../predicates/topic-name-matches.js';
import { DROP_HEADERS_PLUGIN } from './drop-headers.js';
import { FILTER_PLUGIN } from './filter.js';
import { HEADER_FROM_PLUGINS } from './header-from.js';
import { INSERT_HEADER_PLUGIN } from './insert-header.js';
import { REGEX_ROUTER_PLUGIN } from './regex-router.js';
import { SET_SCHEMA_METADATA_PLUGINS } from './set-schema-metadata.js';
import { TIMESTAMP_CONVERTER_PLUGINS } from './timestamp-converter.js';
import { TIMESTAMP_ROUTER_PLUGIN } from './timestamp-router.js';

export const KAFKA_TRANSFORMS_B: TransformationPlugin[] = [
  REGEX_ROUTER_PLUGIN,
  TIMESTAMP_ROUTER_PLUGIN,
  ...TIMESTAMP_CONVERTER_PLUGINS,
  FILTER_PLUGIN,
  ...SET_SCHEMA_METADATA_PLUGINS,
  INSERT_HEADER_PLUGIN,
  DROP_HEADERS_PLUGIN,
  ...HEADER_FROM_PLUGINS,
];

export const KAFKA_PREDICATES: PredicatePlugin[] = [TOPIC_NAME_MATCHES_PLUGIN, HAS_HEADER_KEY_PLUGIN, RECORD_IS_TOMBSTONE_PLUGIN];
