/** The Debezium SMTs Tidewater ships, under the class names Debezium configs use. */
import type { TransformationPlugin } from '../../api/plugin.js';
import { EXTRACT_NEW_RECORD_STATE } from './extract-new-record-state.js';

export { ExtractNewRecordState, EXTRACT_NEW_RECORD_STATE, isChangeEventSchema } from './extract-new-record-state.js';

export const DEBEZIUM_TRANSFORMS: TransformationPlugin[] = [EXTRACT_NEW_RECORD_STATE];
