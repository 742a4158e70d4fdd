/** JsonConverter's configuration (Kafka's JsonConverterConfig): names, defaults, groups and docs as Kafka has them. */
import { oneOfIgnoringCase } from '../../config/validators.js';
import { CONVERTER_CONFIG } from '../converter-config.js';

export const SCHEMAS_ENABLE_CONFIG = 'schemas.enable';
export const SCHEMAS_CACHE_SIZE_CONFIG = 'schemas.cache.size';
export const DECIMAL_FORMAT_CONFIG = 'decimal.format';
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

export type DecimalFormat = 'BASE64' | 'NUMERIC';

export const JSON_CONVERTER_CONFIG = CONVERTER_CONFIG.define({
  name: SCHEMAS_ENABLE_CONFIG,
  type: 'BOOLEAN',
  default: true,
  importance: 'HIGH',
  doc: 'Include schemas within each of the serialized values and keys.',
  group: 'Schemas',
  orderInGroup: 0,
  width: 'MEDIUM',
  displayName: 'Enable Schemas',
})
  .define({
    name: SCHEMAS_CACHE_SIZE_CONFIG,
    type: 'INT',
    default: 1000,
    importance: 'HIGH',
    doc: 'The maximum number of schemas that can be cached in this converter instance.',
    group: 'Schemas',
    orderInGroup: 1,
    width: 'MEDIUM',
    displayName: 'Schema Cache Size',
  })
  .define({
    name: DECIMAL_FORMAT_CONFIG,
    type: 'STRING',
    default: 'BASE64',
    validator: oneOfIgnoringCase('BASE64', 'NUMERIC'),
    importance: 'LOW',
    doc: "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
    group: 'Serialization',
    orderInGroup: 0,
    width: 'MEDIUM',
    displayName: 'Decimal Format',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: 'BOOLEAN',
    default: true,
    importance: 'LOW',
    doc: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
    group: 'Serialization',
    orderInGroup: 1,
    width: 'MEDIUM',
    displayName: 'Replace null with default',
  });
