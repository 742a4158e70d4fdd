/**
 * What every Kafka converter config shares (Kafka's ConverterConfig): `converter.type`, which the worker
 * sets to key, value or header when it configures the converter.
 */
import { ConfigSpec } from '../config/spec.js';
import { oneOf } from '../config/validators.js';

export type ConverterType = 'key' | 'value' | 'header';

export const CONVERTER_TYPE_CONFIG = 'converter.type';

/** Kafka's ConverterConfig.newConfigDef(): `converter.type` is required, one of key, value, header. */
export const CONVERTER_CONFIG = ConfigSpec.empty().define({
  name: CONVERTER_TYPE_CONFIG,
  type: 'STRING',
  importance: 'LOW',
  doc: 'How this converter will be used.',
  validator: oneOf('key', 'value', 'header'),
});

/**
 * The config a converter parses: Converter.configure(config, isKey) sets `converter.type` as Kafka's
 * does; HeaderConverter.configure(config) (no isKey) marks it a header converter unless the caller did.
 */
export function withConverterType(config: Readonly<Record<string, string>>, isKey: boolean | undefined): Record<string, string> {
  if (isKey === undefined) return { [CONVERTER_TYPE_CONFIG]: 'header', ...config };
  return { ...config, [CONVERTER_TYPE_CONFIG]: isKey ? 'key' : 'value' };
}

/** The Kafka Connect release whose converters these are; plugins report it as their version. */
export const KAFKA_CONVERTERS_VERSION = '3.9.1';
