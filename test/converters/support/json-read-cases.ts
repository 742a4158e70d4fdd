/**
 * Raw JSON for the JsonConverter read differential test: envelopes, schemaless documents, Jackson's
 * lenient accessors, number edge cases and every error Kafka raises while reading.
 */
export interface ToCase {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  /** UTF-8 text, or null for a tombstone. */
  readonly bytes: string | null;
  /** Raw bytes instead of text, for input that is not valid UTF-8. */
  readonly raw?: readonly number[];
}

/** The bytes a case sends, base64-encoded (null for a tombstone). */
export function caseBytes(testCase: ToCase): string | null {
  if (testCase.raw) return Buffer.from(testCase.raw).toString('base64');
  return testCase.bytes === null ? null : Buffer.from(testCase.bytes, 'utf8').toString('base64');
}

const WITH = { 'schemas.enable': 'true' };
const WITHOUT = { 'schemas.enable': 'false' };

const envelope = (schema: unknown, payload: string) => `{"schema":${JSON.stringify(schema)},"payload":${payload}}`;
const int32 = { type: 'int32', optional: false };

const both = (name: string, bytes: string | null): ToCase[] => [
  { name: `${name} (schemas)`, config: WITH, bytes },
  { name: `${name} (no schemas)`, config: WITHOUT, bytes },
];

export const TO_CASES: ToCase[] = [
  ...both('a tombstone', null),
  ...both('empty input', ''),
  ...both('whitespace only', ' \n\t'),
  ...both('invalid JSON', 'nul'),
  ...both('an unterminated object', '{"a":1'),
  ...both('trailing garbage after an object', '{"schema":null,"payload":1} xyz'),
  ...both('a root number followed by garbage', '123abc'),
  ...both('leading zeros', '007'),
  { name: 'invalid UTF-8', config: WITHOUT, bytes: '', raw: [0x22, 0xff, 0x22] },
  { name: 'truncated UTF-8', config: WITHOUT, bytes: '', raw: [0x22, 0xe2, 0x82, 0x22] },
  { name: 'a UTF-8 byte order mark', config: WITHOUT, bytes: '', raw: [0xef, 0xbb, 0xbf, 0x31, 0x20] },
  ...both('a control character in a string', '"a\u0001b"'),
  ...both('an unknown escape', '"\\a"'),
  ...both('NaN literal', 'NaN'),
  ...both('deep nesting', '['.repeat(1001) + ']'.repeat(1001)),
  { name: 'schemaless document', config: WITHOUT, bytes: '[1, 2.5, "x", true, null, {"k": [], "n": -0}, 1e2, -0.0]' },
  { name: 'schemaless big integers', config: WITHOUT, bytes: '[9007199254740993, 12345678901234567890, -9223372036854775809, 2147483648]' },
  { name: 'schemaless floats', config: WITHOUT, bytes: '[0.1, 1e400, -1e-400, 1.7976931348623157e308, 4.9e-324, 123456789012345678901234567890.5]' },
  { name: 'schemaless duplicate keys', config: WITHOUT, bytes: '{"a":1,"b":2,"a":3}' },
  { name: 'schemaless strings with escapes', config: WITHOUT, bytes: '"\\u00e9\\ud83d\\ude00 \\" \\\\ \\/ \\b\\f\\n\\r\\t \\uD800"' },
  { name: 'envelope with null schema', config: WITH, bytes: envelope(null, '{"a":{"b":[1,2]}}') },
  { name: 'envelope missing payload', config: WITH, bytes: '{"schema":null}' },
  { name: 'envelope with an extra field', config: WITH, bytes: '{"schema":null,"payload":1,"x":2}' },
  { name: 'envelope that is an array', config: WITH, bytes: '[1,2]' },
  { name: 'envelope with duplicate payload', config: WITH, bytes: '{"schema":null,"payload":1,"payload":2}' },
  { name: 'plain JSON read without schemas', config: WITHOUT, bytes: envelope(int32, '5') },
  { name: 'int32 payload', config: WITH, bytes: envelope(int32, '5') },
  { name: 'int32 payload null', config: WITH, bytes: envelope(int32, 'null') },
  { name: 'int32 payload text', config: WITH, bytes: envelope(int32, '"abc"') },
  { name: 'int32 payload beyond int', config: WITH, bytes: envelope(int32, '2147483648') },
  { name: 'int32 payload decimal', config: WITH, bytes: envelope(int32, '-7.9') },
  { name: 'int8 payload wraps', config: WITH, bytes: envelope({ type: 'int8' }, '300') },
  { name: 'int16 payload wraps', config: WITH, bytes: envelope({ type: 'int16' }, '-40000') },
  { name: 'int64 payload from an array', config: WITH, bytes: envelope({ type: 'int64' }, '[9223372036854775807, -9223372036854775809, 1.9, 9007199254740993]') },
  { name: 'int64 payloads', config: WITH, bytes: envelope({ type: 'array', items: { type: 'int64' } }, '[9223372036854775807, -9223372036854775809, 1.9, 9007199254740993, 12345678901234567890]') },
  { name: 'int64 payload', config: WITH, bytes: envelope({ type: 'int64' }, '9223372036854775807') },
  { name: 'float payloads', config: WITH, bytes: envelope({ type: 'array', items: { type: 'float' } }, '[0.1, 1, 3.4028235e38, 1e39, "NaN", 16777217]') },
  { name: 'double payloads', config: WITH, bytes: envelope({ type: 'array', items: { type: 'double' } }, '[0.1, 1, -0.0, 1e400, "NaN", 9007199254740993]') },
  { name: 'boolean payload from a number', config: WITH, bytes: envelope({ type: 'boolean' }, '1') },
  { name: 'string payload from a number', config: WITH, bytes: envelope({ type: 'string', optional: true }, '1') },
  { name: 'bytes payload', config: WITH, bytes: envelope({ type: 'bytes' }, '"AAEC/w=="') },
  { name: 'bytes payload with whitespace', config: WITH, bytes: envelope({ type: 'bytes' }, '"AAEC /w==\\n"') },
  { name: 'bytes payload without padding', config: WITH, bytes: envelope({ type: 'bytes' }, '"AAE"') },
  { name: 'bytes payload invalid', config: WITH, bytes: envelope({ type: 'bytes' }, '"!!!!"') },
  { name: 'bytes payload from a number', config: WITH, bytes: envelope({ type: 'bytes', optional: true }, '5') },
  { name: 'array payload from an object', config: WITH, bytes: envelope({ type: 'array', items: int32 }, '{"a":1,"b":2}') },
  { name: 'array payload from a number', config: WITH, bytes: envelope({ type: 'array', items: int32 }, '5') },
  { name: 'array schema without items', config: WITH, bytes: envelope({ type: 'array' }, '[]') },
  { name: 'string map', config: WITH, bytes: envelope({ type: 'map', keys: { type: 'string' }, values: int32 }, '{"a":1,"b":2}') },
  { name: 'string map from an array', config: WITH, bytes: envelope({ type: 'map', keys: { type: 'string' }, values: int32 }, '[]') },
  { name: 'int map', config: WITH, bytes: envelope({ type: 'map', keys: int32, values: { type: 'string' } }, '[[1,"a"],[2,"b"]]') },
  { name: 'int map from an object', config: WITH, bytes: envelope({ type: 'map', keys: int32, values: int32 }, '{"a":1}') },
  { name: 'int map with a bad entry', config: WITH, bytes: envelope({ type: 'map', keys: int32, values: int32 }, '[[1,2],3]') },
  { name: 'int map with a short entry', config: WITH, bytes: envelope({ type: 'map', keys: int32, values: int32 }, '[[1]]') },
  { name: 'map schema without values', config: WITH, bytes: envelope({ type: 'map', keys: int32 }, '[]') },
  { name: 'struct', config: WITH, bytes: envelope({ type: 'struct', name: 'S', version: 2, doc: 'd', fields: [{ ...int32, field: 'a' }, { type: 'string', optional: true, field: 'b' }] }, '{"a":1,"b":"x","extra":true}') },
  { name: 'struct missing a required field', config: WITH, bytes: envelope({ type: 'struct', fields: [{ ...int32, field: 'a' }] }, '{}') },
  { name: 'struct from an array', config: WITH, bytes: envelope({ type: 'struct', fields: [] }, '[]') },
  { name: 'struct string field from a number', config: WITH, bytes: envelope({ type: 'struct', fields: [{ type: 'string', field: 's' }] }, '{"s":5}') },
  { name: 'struct with defaults', config: WITH, bytes: envelope({ type: 'struct', fields: [{ ...int32, default: 7, field: 'a' }, { type: 'string', optional: true, default: 'd', field: 'b' }] }, '{"b":null}') },
  { name: 'struct with defaults not replaced', config: { ...WITH, 'replace.null.with.default': 'false' }, bytes: envelope({ type: 'struct', fields: [{ type: 'string', optional: true, default: 'd', field: 'b' }, { ...int32, default: 7, field: 'a' }] }, '{"b":null}') },
  { name: 'struct fields not an array', config: WITH, bytes: envelope({ type: 'struct', fields: {} }, '{}') },
  { name: 'struct field without a name', config: WITH, bytes: envelope({ type: 'struct', fields: [int32] }, '{}') },
  { name: 'unknown schema type', config: WITH, bytes: envelope({ type: 'uint32' }, '1') },
  { name: 'schema without a type', config: WITH, bytes: envelope({ optional: true }, '1') },
  { name: 'schema that is a string', config: WITH, bytes: envelope('int32', '1') },
  { name: 'schema with odd attributes', config: WITH, bytes: envelope({ type: 'int32', optional: 'true', version: 1.5, name: 7, doc: null }, '1') },
  { name: 'schema with non-string parameters', config: WITH, bytes: envelope({ type: 'int32', parameters: { a: 1 } }, '1') },
  { name: 'schema with parameters', config: WITH, bytes: envelope({ type: 'string', name: 'x.Enum', version: 1, parameters: { b: '2', a: '1' } }, '"v"') },
  { name: 'required schema with null default', config: WITH, bytes: envelope({ type: 'int32', default: null }, '1') },
  { name: 'optional schema with null default', config: WITH, bytes: envelope({ type: 'int32', optional: true, default: null }, 'null') },
  { name: 'top-level default', config: WITH, bytes: envelope({ type: 'int64', optional: true, default: 9 }, 'null') },
  { name: 'decimal base64', config: WITH, bytes: envelope({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' } }, '"MDk="') },
  { name: 'decimal numeric', config: WITH, bytes: envelope({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }, '12.30') },
  { name: 'decimal numeric element', config: WITH, bytes: envelope({ type: 'array', items: { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } } }, '[12.30, 5, 1E+3, -0.001, 12345678901234567890123]') },
  { name: 'decimal invalid base64', config: WITH, bytes: envelope({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }, '"%%%%"') },
  { name: 'decimal without scale', config: WITH, bytes: envelope({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal' }, '"AQ=="') },
  { name: 'decimal from a boolean', config: WITH, bytes: envelope({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '0' } }, 'true') },
  { name: 'date', config: WITH, bytes: envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Date' }, '-400') },
  { name: 'date from a long', config: WITH, bytes: envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Date' }, '3000000000') },
  { name: 'date from a decimal', config: WITH, bytes: envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Date' }, '1.0') },
  { name: 'time', config: WITH, bytes: envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Time' }, '45296789') },
  { name: 'time beyond a day', config: WITH, bytes: envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Time' }, '86400000') },
  { name: 'timestamp', config: WITH, bytes: envelope({ type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp' }, '-1') },
  { name: 'timestamp from a decimal', config: WITH, bytes: envelope({ type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp' }, '1.5') },
  { name: 'timestamp from a string', config: WITH, bytes: envelope({ type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp' }, '"1"') },
  { name: 'debezium-style change event', config: WITH, bytes: envelope({ type: 'struct', name: 'db.public.t.Envelope', version: 2, fields: [{ type: 'struct', optional: true, name: 'db.public.t.Value', field: 'after', fields: [{ ...int32, field: 'id' }, { type: 'double', optional: true, field: 'x' }] }, { type: 'string', optional: false, field: 'op' }, { type: 'int64', optional: true, field: 'ts_ms' }] }, '{"after":{"id":1,"x":2.5},"op":"c","ts_ms":1700000000000}') },
];
