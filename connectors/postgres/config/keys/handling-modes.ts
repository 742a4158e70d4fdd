/** How values and names are represented in change events. */
import { isBoolean } from '../debezium-checks.js';
import { enumProperty, type PgProperty } from '../property.js';

const AVRO_ADJUSTMENT =
  '`none` (the default) leaves them as they are; `avro` replaces characters Avro does not allow in names by `_`; `avro_unicode` ' +
  'replaces them (and `_`) by `_uxxxx` escapes.';

export const HANDLING_MODE_PROPERTIES = [
  enumProperty({
    name: 'decimal.handling.mode',
    values: ['precise', 'string', 'double'],
    default: 'precise',
    importance: 'MEDIUM',
    group: 'Connector',
    orderInGroup: 33,
    width: 'SHORT',
    displayName: 'Decimal Handling',
    doc:
      'NUMERIC and DECIMAL values: `precise` (the default) as Connect `Decimal` (exact, bytes; NUMERIC without a scale as ' +
      '`VariableScaleDecimal`); `string` as text; `double` as a 64-bit float, easy to consume but possibly rounded. Also MONEY.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'time.precision.mode',
    values: ['adaptive', 'adaptive_time_microseconds', 'connect', 'isostring', 'microseconds', 'nanoseconds'],
    default: 'adaptive',
    importance: 'MEDIUM',
    group: 'Connector',
    orderInGroup: 34,
    width: 'SHORT',
    displayName: 'Time Precision',
    doc:
      'Dates and times: `adaptive` (the default) picks milli-, micro- or nanosecond types from each column\'s precision; ' +
      '`adaptive_time_microseconds` the same but TIME always in microseconds; `connect` Kafka Connect\'s Date, Time and ' +
      'Timestamp (milliseconds, so finer digits are lost); `isostring` ISO-8601 text; `microseconds` and `nanoseconds` numbers ' +
      'in that unit.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'binary.handling.mode',
    values: ['bytes', 'base64', 'base64-url-safe', 'hex'],
    default: 'bytes',
    importance: 'LOW',
    group: 'Connector',
    orderInGroup: 43,
    width: 'MEDIUM',
    displayName: 'Binary Handling',
    doc: 'BYTEA values: `bytes` (the default) as Connect bytes; `base64`, `base64-url-safe` or `hex` as text in that encoding.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'hstore.handling.mode',
    values: ['json', 'map'],
    default: 'json',
    importance: 'LOW',
    group: 'Connector',
    orderInGroup: 42,
    width: 'MEDIUM',
    displayName: 'HStore Handling',
    doc: 'HSTORE values: `json` (the default) as a JSON text object; `map` as a Connect map of strings.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'interval.handling.mode',
    values: ['numeric', 'string'],
    default: 'numeric',
    importance: 'LOW',
    group: 'Connector',
    orderInGroup: 45,
    width: 'MEDIUM',
    displayName: 'Interval Handling',
    doc: 'INTERVAL values: `numeric` (the default) as microseconds, approximating months as 30.4375 days; `string` as exact ISO-8601 text such as `P1Y2M3DT4H5M6.78S`.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'schema.refresh.mode',
    values: ['columns_diff', 'columns_diff_exclude_unchanged_toast'],
    default: 'columns_diff',
    importance: 'MEDIUM',
    group: 'Connector',
    orderInGroup: 46,
    width: 'SHORT',
    displayName: 'Schema refresh mode',
    doc:
      'When the in-memory schema of a table is re-read: `columns_diff` (the default, the safe choice) whenever an event\'s ' +
      'columns differ from it; `columns_diff_exclude_unchanged_toast` not when only unchanged TOASTed columns are missing from ' +
      'the event, which saves queries on tables with large, rarely updated values but misses a dropped TOASTable column.',
    origin: 'debezium',
  }),
  enumProperty({
    name: 'schema.name.adjustment.mode',
    values: ['none', 'avro', 'avro_unicode'],
    default: 'none',
    importance: 'LOW',
    group: 'Connector',
    orderInGroup: 44,
    width: 'MEDIUM',
    displayName: 'Schema Name Adjustment',
    doc: `How schema names are adapted to the converter: ${AVRO_ADJUSTMENT}`,
    origin: 'debezium',
  }),
  enumProperty({
    name: 'field.name.adjustment.mode',
    values: ['none', 'avro', 'avro_unicode'],
    default: 'none',
    importance: 'LOW',
    group: 'Debezium runtime',
    width: 'MEDIUM',
    displayName: 'Field Name Adjustment',
    doc: `How field names are adapted to the converter: ${AVRO_ADJUSTMENT} With \`none\` and an Avro converter (Confluent or Apicurio) as key or value converter, \`avro\` applies.`,
    origin: 'debezium-runtime',
  }),
  {
    name: 'money.fraction.digits',
    type: 'SHORT',
    default: 2,
    importance: 'LOW',
    group: 'Debezium runtime',
    width: 'MEDIUM',
    displayName: 'Money fraction digits',
    doc: 'The scale of MONEY values as `precise` decimals.',
    origin: 'debezium-runtime',
  },
  {
    name: 'unavailable.value.placeholder',
    type: 'STRING',
    default: '__debezium_unavailable_value',
    importance: 'MEDIUM',
    group: 'Connector',
    orderInGroup: 48,
    width: 'MEDIUM',
    displayName: 'Unavailable value placeholder',
    doc:
      'Stands in for values the server did not send: unchanged TOASTed columns of an update, and of a delete\'s old row, unless ' +
      'the table has REPLICA IDENTITY FULL. With a `hex:` prefix, the rest is hexadecimal bytes (for binary columns).',
    origin: 'debezium',
  },
  {
    name: 'include.unknown.datatypes',
    type: 'BOOLEAN',
    default: false,
    importance: 'MEDIUM',
    group: 'Events',
    orderInGroup: 32,
    width: 'SHORT',
    displayName: 'Include unknown datatypes',
    doc: 'Columns of types without a mapping: `false` (the default) leaves them out of events; `true` emits them as bytes of their text form.',
    origin: 'debezium',
  },
  {
    name: 'include.schema.comments',
    type: 'BOOLEAN',
    default: false,
    importance: 'MEDIUM',
    group: 'Events',
    orderInGroup: 26,
    width: 'SHORT',
    displayName: 'Include Table and Column Comments',
    doc: 'Reads table and column comments and puts them into the schemas\' docs. Costs memory on databases with many columns.',
    origin: 'debezium',
    checks: [isBoolean],
  },
] as const satisfies readonly PgProperty[];
