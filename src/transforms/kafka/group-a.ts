/**
 * The first group of Kafka's built-in SMTs: InsertField, ReplaceField, MaskField, ValueToKey, ExtractField,
 * HoistField, Cast and Flatten, each as its `$Key` and `$Value` plugins (ValueToKey has a single class, as
 * in Kafka).
 */
import type { TransformationPlugin } from '../../api/plugin.js';
import { CAST_PLUGINS } from './cast.js';
import { EXTRACT_FIELD_PLUGINS } from './extract-field.js';
import { FLATTEN_PLUGINS } from './flatten.js';
import { HOIST_FIELD_PLUGINS } from './hoist-field.js';
import { INSERT_FIELD_PLUGINS } from './insert-field.js';
import { MASK_FIELD_PLUGINS } from './mask-field.js';
import { REPLACE_FIELD_PLUGINS } from './replace-field.js';
import { VALUE_TO_KEY_PLUGIN } from './value-to-key.js';

export const KAFKA_TRANSFORMS_A: TransformationPlugin[] = [
  ...INSERT_FIELD_PLUGINS,
  ...REPLACE_FIELD_PLUGINS,
  ...MASK_FIELD_PLUGINS,
  VALUE_TO_KEY_PLUGIN,
  ...EXTRACT_FIELD_PLUGINS,
  ...HOIST_FIELD_PLUGINS,
  ...CAST_PLUGINS,
  ...FLATTEN_PLUGINS,
];
