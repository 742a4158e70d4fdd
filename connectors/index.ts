/** Every connector plugin Tidewater ships: an explicit list, no registration by import side effects. */
import type { ConnectorPlugin } from '../src/api/plugin.js';
import { fileStreamSink, fileStreamSource } from './file/index.js';

export const CONNECTOR_PLUGINS: readonly ConnectorPlugin[] = [fileStreamSource, fileStreamSink];
