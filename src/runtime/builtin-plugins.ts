/** Every plugin Tidewater ships: connectors, converters, transformations and predicates. */
import type { Plugin } from '../api/plugin.js';
import { CONNECTOR_PLUGINS } from '../../connectors/index.js';
import { CONVERTER_PLUGINS, DUAL_ROLE_HEADER_CONVERTER_PLUGINS } from '../converters/index.js';
import { PREDICATE_PLUGINS, TRANSFORMATION_PLUGINS } from '../transforms/index.js';

export const BUILTIN_PLUGINS: readonly Plugin[] = [
  ...CONNECTOR_PLUGINS,
  ...CONVERTER_PLUGINS,
  ...DUAL_ROLE_HEADER_CONVERTER_PLUGINS,
  ...TRANSFORMATION_PLUGINS,
  ...PREDICATE_PLUGINS,
];
