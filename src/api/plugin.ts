import type { ConfigSpec } from '../config/spec.js';
import type { SinkConnector, SinkTask, SourceConnector, SourceTask } from './connector.js';
import type { Converter, HeaderConverter } from './converter.js';
import type { Predicate, Transformation } from './transformation.js';

/** Plugin kinds, spelled as Kafka Connect's REST API spells plugin types. */
export type PluginKind = 'source' | 'sink' | 'transformation' | 'predicate' | 'converter' | 'header_converter';

/**
 * What every plugin says about itself. `className` is the name users already have in their configs: the
 * Java class name for plugins that mirror a Kafka or Debezium one. The runtime also accepts the simple
 * name and the name without its kind suffix (`FileStreamSource`), as Kafka Connect does, plus `aliases`.
 */
export interface PluginInfo {
  readonly kind: PluginKind;
  readonly className: string;
  readonly aliases?: readonly string[];
  readonly version: string;
  readonly doc?: string;
  // The spec's parsed type is the plugin's own business; the runtime only validates and describes.
  readonly config: ConfigSpec<Record<string, unknown>>;
}

export interface SourceConnectorPlugin extends PluginInfo {
  readonly kind: 'source';
  create(): SourceConnector;
  createTask(): SourceTask;
}

export interface SinkConnectorPlugin extends PluginInfo {
  readonly kind: 'sink';
  create(): SinkConnector;
  createTask(): SinkTask;
}

export interface TransformationPlugin extends PluginInfo {
  readonly kind: 'transformation';
  create(): Transformation;
}

export interface PredicatePlugin extends PluginInfo {
  readonly kind: 'predicate';
  create(): Predicate;
}

export interface ConverterPlugin extends PluginInfo {
  readonly kind: 'converter';
  create(): Converter;
}

export interface HeaderConverterPlugin extends PluginInfo {
  readonly kind: 'header_converter';
  create(): HeaderConverter;
}

export type ConnectorPlugin = SourceConnectorPlugin | SinkConnectorPlugin;

export type Plugin =
  | SourceConnectorPlugin
  | SinkConnectorPlugin
  | TransformationPlugin
  | PredicatePlugin
  | ConverterPlugin
  | HeaderConverterPlugin;
