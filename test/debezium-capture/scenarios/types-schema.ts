/**
 * The tables and rows of the data type scenarios: `all_types` (one column of every built-in type Debezium maps),
 * `more_types` (geometric and text-search types, multiranges and arrays of many element types, to see which
 * Debezium maps, which it drops and how), and `with_defaults` (NOT NULL columns and literal and function
 * defaults, which show up in the Connect schema).
 */

export const TYPES_SETUP: readonly string[] = [
  'CREATE EXTENSION hstore',
  'CREATE EXTENSION ltree',
  'CREATE EXTENSION citext',
  "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ünïcödé')",
  'CREATE DOMAIN posint AS integer CHECK (VALUE > 0)',
  'CREATE DOMAIN shorttext AS text',
  'CREATE DOMAIN price AS numeric(10,2)',
  `CREATE TABLE all_types (
  id integer PRIMARY KEY,
  c_smallint smallint, c_integer integer, c_bigint bigint,
  c_smallserial smallserial, c_serial serial, c_bigserial bigserial,
  c_numeric_10_3 numeric(10,3), c_numeric_7 numeric(7), c_numeric numeric, c_numeric_38_10 numeric(38,10),
  c_real real, c_double double precision, c_money money,
  c_boolean boolean, c_char char(5), c_varchar varchar(20), c_text text, c_bytea bytea,
  c_date date, c_time time, c_time0 time(0), c_time3 time(3), c_time6 time(6), c_timetz time with time zone,
  c_ts0 timestamp(0), c_ts1 timestamp(1), c_ts2 timestamp(2), c_ts3 timestamp(3), c_ts4 timestamp(4),
  c_ts5 timestamp(5), c_ts6 timestamp(6), c_ts timestamp,
  c_tstz timestamptz, c_tstz0 timestamptz(0), c_tstz3 timestamptz(3),
  c_interval interval, c_interval_ym interval year to month,
  c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml,
  c_enum mood, c_posint posint, c_shorttext shorttext, c_price price,
  c_int_array integer[], c_text_array text[],
  c_hstore hstore, c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
  c_bit1 bit(1), c_bit10 bit(10), c_varbit varbit(16), c_varbit_unbounded varbit,
  c_int4range int4range, c_int8range int8range, c_numrange numrange, c_tsrange tsrange, c_tstzrange tstzrange,
  c_daterange daterange,
  c_point point, c_oid oid, c_ltree ltree, c_citext citext
)`,
  `CREATE TABLE more_types (
  id integer PRIMARY KEY,
  c_box box, c_circle circle, c_line line, c_lseg lseg, c_path path, c_polygon polygon,
  c_tsvector tsvector, c_tsquery tsquery, c_pg_lsn pg_lsn, c_name name, c_char1 "char", c_int4multirange int4multirange,
  c_bool_array boolean[], c_smallint_array smallint[], c_bigint_array bigint[], c_real_array real[],
  c_double_array double precision[], c_numeric_array numeric[], c_numeric_6_2_array numeric(6,2)[],
  c_varchar_array varchar(10)[], c_char_array char(3)[], c_date_array date[], c_time_array time[],
  c_timestamp_array timestamp[], c_timestamptz_array timestamptz[], c_uuid_array uuid[], c_json_array json[],
  c_jsonb_array jsonb[], c_enum_array mood[], c_inet_array inet[], c_bytea_array bytea[], c_interval_array interval[],
  c_int_2d integer[][], c_money_array money[], c_citext_array citext[]
)`,
  `CREATE TABLE with_defaults (
  id integer PRIMARY KEY,
  d_int integer NOT NULL DEFAULT 42, d_smallint smallint DEFAULT -7, d_bigint bigint DEFAULT 9007199254740993,
  d_numeric numeric(8,3) DEFAULT 3.142, d_numeric_free numeric DEFAULT 1.50, d_real real DEFAULT 1.5,
  d_double double precision DEFAULT 2.25, d_money money DEFAULT 12.34,
  d_bool boolean NOT NULL DEFAULT true, d_text text NOT NULL DEFAULT 'hello ''quoted''', d_varchar varchar(10) DEFAULT 'v',
  d_char char(3) DEFAULT 'c', d_date date DEFAULT '2020-02-29', d_time time DEFAULT '12:34:56.789',
  d_ts timestamp DEFAULT '2020-01-02 03:04:05.123456', d_tstz timestamptz DEFAULT '2020-01-02 03:04:05+02',
  d_interval interval DEFAULT '1 day 2 hours', d_uuid uuid DEFAULT '6f1c1e9e-0000-4000-8000-000000000001',
  d_jsonb jsonb DEFAULT '{"a": 1}', d_enum mood DEFAULT 'ok', d_bytea bytea DEFAULT '\\xdeadbeef',
  d_now timestamptz NOT NULL DEFAULT now(), d_ts_fn timestamp(6) DEFAULT LOCALTIMESTAMP(6),
  d_date_fn date DEFAULT CURRENT_DATE, d_uuid_fn uuid DEFAULT gen_random_uuid(),
  d_serial serial NOT NULL, d_nullable_no_default text
)`,
];

const ALL_TYPES_COLUMNS = [
  'c_smallint', 'c_integer', 'c_bigint', 'c_smallserial', 'c_serial', 'c_bigserial',
  'c_numeric_10_3', 'c_numeric_7', 'c_numeric', 'c_numeric_38_10', 'c_real', 'c_double', 'c_money',
  'c_boolean', 'c_char', 'c_varchar', 'c_text', 'c_bytea',
  'c_date', 'c_time', 'c_time0', 'c_time3', 'c_time6', 'c_timetz',
  'c_ts0', 'c_ts1', 'c_ts2', 'c_ts3', 'c_ts4', 'c_ts5', 'c_ts6', 'c_ts', 'c_tstz', 'c_tstz0', 'c_tstz3',
  'c_interval', 'c_interval_ym', 'c_uuid', 'c_json', 'c_jsonb', 'c_xml',
  'c_enum', 'c_posint', 'c_shorttext', 'c_price', 'c_int_array', 'c_text_array',
  'c_hstore', 'c_inet', 'c_cidr', 'c_macaddr', 'c_macaddr8', 'c_bit1', 'c_bit10', 'c_varbit', 'c_varbit_unbounded',
  'c_int4range', 'c_int8range', 'c_numrange', 'c_tsrange', 'c_tstzrange', 'c_daterange',
  'c_point', 'c_oid', 'c_ltree', 'c_citext',
] as const;

type AllTypesRow = Readonly<Record<(typeof ALL_TYPES_COLUMNS)[number], string>>;

const ts = (v: string) => `'${v}'`;
const same = (v: string): Pick<AllTypesRow, 'c_ts0' | 'c_ts1' | 'c_ts2' | 'c_ts3' | 'c_ts4' | 'c_ts5' | 'c_ts6' | 'c_ts'> => ({
  c_ts0: ts(v), c_ts1: ts(v), c_ts2: ts(v), c_ts3: ts(v), c_ts4: ts(v), c_ts5: ts(v), c_ts6: ts(v), c_ts: ts(v),
});

/** Typical values, non-ASCII and characters JSON must escape. */
const TYPICAL: AllTypesRow = {
  c_smallint: '1', c_integer: '123456', c_bigint: '1234567890123', c_smallserial: '10', c_serial: '20', c_bigserial: '30',
  c_numeric_10_3: '1234567.891', c_numeric_7: '1234567', c_numeric: '3.14159265358979323846264338327950288',
  c_numeric_38_10: '1234567890123456789012345678.0123456789', c_real: '3.14', c_double: '2.718281828459045', c_money: '1234.56',
  c_boolean: 'true', c_char: "'ab'", c_varchar: "'Grüße, 世界'", c_text: `E'Unicode: 日本語 😀 \\"quotes\\" \\\\ backslash\\nnew line\\ttab \\u0001 control'`,
  c_bytea: `'\\x0001ff7f80'`,
  c_date: "'2024-02-29'", c_time: "'13:45:30.123456'", c_time0: "'13:45:30.6'", c_time3: "'13:45:30.1234'", c_time6: "'13:45:30.123456'",
  c_timetz: "'13:45:30.5+05:30'", ...same('2024-02-29 13:45:30.123456'), c_tstz: "'2024-02-29 13:45:30.123456+01'",
  c_tstz0: "'2024-02-29 13:45:30.5+01'", c_tstz3: "'2024-02-29 13:45:30.123456-03:30'",
  c_interval: "'1 year 2 months 3 days 04:05:06.789'", c_interval_ym: "'3 years 4 months'",
  c_uuid: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", c_json: `'{"b": 2,  "a": [1, 2.50, "x\\u00e9"], "n": null}'`,
  c_jsonb: `'{"b": 2,  "a": [1, 2.50, "x\\u00e9"], "n": null}'`, c_xml: `'<root a="1"><child>text &amp; ü</child></root>'`,
  c_enum: "'ünïcödé'", c_posint: '7', c_shorttext: "'dom'", c_price: '19.99',
  c_int_array: "'{1,2,NULL,4}'", c_text_array: `'{"a","b c","NULL","",NULL,"ü","q\\"uote"}'`,
  c_hstore: `'"a"=>"1", "b"=>NULL, "c d"=>"x\\"y", "ü"=>"é"'`, c_inet: "'192.168.0.1/24'", c_cidr: "'10.0.0.0/8'",
  c_macaddr: "'08:00:2b:01:02:03'", c_macaddr8: "'08:00:2b:01:02:03:04:05'",
  c_bit1: "B'1'", c_bit10: "B'1010000001'", c_varbit: "B'101'", c_varbit_unbounded: "B'1111000011110000111'",
  c_int4range: "'[1,10)'", c_int8range: "'(,100]'", c_numrange: "'[1.5,2.5]'",
  c_tsrange: "'[2024-01-01 00:00,2024-12-31 23:59:59.5)'", c_tstzrange: "'[2024-01-01 00:00+02,infinity)'",
  c_daterange: "'[2024-01-01,2024-02-01]'", c_point: "'(1.5,-2.25)'", c_oid: '4294967295',
  c_ltree: "'Top.Science.Astronomy'", c_citext: "'MiXeD Case'",
};

/** Minimums, negatives, empties, -infinity, BC. */
const LOW: AllTypesRow = {
  c_smallint: '-32768', c_integer: '-2147483648', c_bigint: '-9223372036854775808', c_smallserial: '-32768',
  c_serial: '-2147483648', c_bigserial: '-9223372036854775808',
  c_numeric_10_3: '-9999999.999', c_numeric_7: '-9999999', c_numeric: '-0.000000000000000000000000000001',
  c_numeric_38_10: '-9999999999999999999999999999.9999999999', c_real: "'-Infinity'", c_double: '-1.7976931348623157e308',
  c_money: "'-92233720368547758.08'", c_boolean: 'false', c_char: "''", c_varchar: "''", c_text: "''", c_bytea: "'\\x'",
  c_date: "'4713-11-24 BC'", c_time: "'00:00:00'", c_time0: "'00:00:00'", c_time3: "'00:00:00'", c_time6: "'00:00:00'",
  c_timetz: "'00:00:00-15:59'", ...same('-infinity'), c_tstz: "'-infinity'", c_tstz0: "'4713-01-01 00:00:00+00 BC'",
  c_tstz3: "'1900-01-01 00:00:00+00'",
  c_interval: "'-1 years -2 mons -3 days -04:05:06.789'", c_interval_ym: "'-178000000 years'",
  c_uuid: "'00000000-0000-0000-0000-000000000000'", c_json: "'null'", c_jsonb: "'[]'", c_xml: "'<a/>'",
  c_enum: "'sad'", c_posint: '1', c_shorttext: "''", c_price: '-99999999.99',
  c_int_array: "'{}'", c_text_array: "'{}'", c_hstore: "''", c_inet: "'::1'", c_cidr: "'2001:db8::/32'",
  c_macaddr: "'00:00:00:00:00:00'", c_macaddr8: "'00:00:00:00:00:00:00:00'",
  c_bit1: "B'0'", c_bit10: "B'0000000000'", c_varbit: "B''", c_varbit_unbounded: "B'0'",
  c_int4range: "'empty'", c_int8range: "'[-9223372036854775808,0)'", c_numrange: "'(,)'",
  c_tsrange: "'[-infinity,2024-01-01)'", c_tstzrange: "'empty'", c_daterange: "'(,2024-01-01)'",
  c_point: "'(0,0)'", c_oid: '0', c_ltree: "''", c_citext: "''",
};

/** Maximums, +infinity, NaN. */
const HIGH: AllTypesRow = {
  c_smallint: '32767', c_integer: '2147483647', c_bigint: '9223372036854775807', c_smallserial: '32767',
  c_serial: '2147483647', c_bigserial: '9223372036854775807',
  c_numeric_10_3: "'NaN'", c_numeric_7: '9999999', c_numeric: '123456789012345678901234567890.123456789012345678901234567890',
  c_numeric_38_10: '9999999999999999999999999999.9999999999', c_real: "'NaN'", c_double: "'Infinity'",
  c_money: "'92233720368547758.07'", c_boolean: 'true', c_char: "'12345'", c_varchar: "'xxxxxxxxxxxxxxxxxxxx'",
  c_text: "'end'", c_bytea: `'\\xffffffff'`,
  c_date: "'5874897-12-31'", c_time: "'24:00:00'", c_time0: "'23:59:59.5'", c_time3: "'23:59:59.9999'",
  c_time6: "'23:59:59.999999'", c_timetz: "'23:59:59.999999+15:59'", ...same('infinity'), c_tstz: "'infinity'",
  c_tstz0: "'294276-12-31 23:59:59+00'", c_tstz3: "'2038-01-19 03:14:08+00'",
  c_interval: "'178000000 years'", c_interval_ym: "'1 mon'",
  c_uuid: "'ffffffff-ffff-ffff-ffff-ffffffffffff'", c_json: "'[1,\"two\",{\"three\":3.0e0}]'", c_jsonb: "'\"scalar\"'",
  c_xml: "'plain text'", c_enum: "'happy'", c_posint: '2147483647', c_shorttext: "'z'", c_price: '99999999.99',
  c_int_array: "'{2147483647,-2147483648}'", c_text_array: "'{NULL}'", c_hstore: `'"k"=>""'`,
  c_inet: "'2001:db8::1/128'", c_cidr: "'0.0.0.0/0'", c_macaddr: "'ff:ff:ff:ff:ff:ff'",
  c_macaddr8: "'ff:ff:ff:ff:ff:ff:ff:ff'", c_bit1: "B'1'", c_bit10: "B'1111111111'", c_varbit: "B'1111111111111111'",
  c_varbit_unbounded: "B'10000000000000000000000000000000000000001'",
  c_int4range: "'[-2147483648,2147483646]'", c_int8range: "'(1,2)'", c_numrange: "'empty'",
  c_tsrange: "'[2024-01-01,infinity]'", c_tstzrange: "'(-infinity,infinity)'", c_daterange: "'[2024-01-01,infinity)'",
  c_point: "'(1e308,-1e-308)'", c_oid: '2147483648', c_ltree: "'a.b.c.d.e.f.g.h.i.j'", c_citext: "'ÄÖÜ'",
};

/** BC and pre-epoch dates, special floating-point values. */
const EDGE: AllTypesRow = {
  ...TYPICAL,
  c_numeric_10_3: '0', c_numeric_7: '0', c_numeric: '0.00', c_numeric_38_10: '0.0000000001',
  c_real: '1e-45', c_double: "'-0'", c_money: '0', c_date: "'0044-03-15 BC'", c_time: "'00:00:00.000001'",
  ...same('0001-01-01 00:00:00 BC'), c_tstz: "'1969-12-31 23:59:59.999999+00'", c_tstz0: "'1970-01-01 00:00:00+00'",
  c_tstz3: "'0001-01-01 00:00:00+00'", c_interval: "'1 mon -1 day 00:00:00.000001'", c_interval_ym: "'0 years'",
  c_json: "'\"\"'", c_jsonb: "'{}'", c_text: "'trailing spaces   '", c_char: "'a'", c_varchar: "' leading'",
  c_hstore: `'"NULL"=>"NULL"'`, c_text_array: `'{"{}","a,b","\\\\"}'`,
};

const ROWS: ReadonlyArray<readonly [number, AllTypesRow]> = [
  [2, TYPICAL],
  [3, LOW],
  [4, HIGH],
  [5, EDGE],
];

function allTypesInsert(id: number, row: AllTypesRow): string {
  return `INSERT INTO all_types (id, ${ALL_TYPES_COLUMNS.join(', ')}) VALUES (${id}, ${ALL_TYPES_COLUMNS.map((c) => row[c]).join(', ')})`;
}

const MORE_TYPES_ROW = `(
  '((0,0),(1,1))', '<(1,2),3>', '{1,-1,0}', '[(0,0),(1,1)]', '((0,0),(1,1),(2,0))', '((0,0),(1,1),(2,0))',
  'a fat cat:2 sat', 'fat & (rat | cat)', '16/B374D848', 'a name', 'x', '{[1,3), [5,7)}',
  '{true,false,NULL}', '{-32768,32767}', '{-9223372036854775808,9223372036854775807}', '{1.5,NaN,-Infinity}',
  '{2.5,Infinity,-0}', '{1.10,NaN,-2}', '{1.1,22.22}',
  '{"a","ü"}', '{"ab","c"}', '{2024-02-29,4713-11-24 BC,infinity}', '{13:45:30.123456,24:00:00}',
  '{"2024-02-29 13:45:30.123456",-infinity}', '{"2024-02-29 13:45:30.123456+01"}',
  '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', ARRAY['{"a":1}'::json, '[]'::json], ARRAY['{"b": 2}'::jsonb],
  '{sad,happy}', '{192.168.0.1,::1/128}', ARRAY['\\x00ff'::bytea, '\\x'::bytea], '{"1 day","-01:00:00"}',
  '{{1,2},{3,4}}', '{1.23,-4.56}', '{Abc,dEF}'
)`;

const MORE_TYPES_INSERT = (id: number) => `INSERT INTO more_types VALUES (${id}, ${MORE_TYPES_ROW.slice(1, -1)})`;

const DEFAULTS_INSERT = (id: number) =>
  `INSERT INTO with_defaults (id, d_now, d_ts_fn, d_date_fn, d_uuid_fn) VALUES (${id}, '2021-05-06 07:08:09+00', '2021-05-06 07:08:09', '2021-05-06', '6f1c1e9e-0000-4000-8000-000000000002')`;

/** Rows present before the connector starts (snapshot, op r). */
export const TYPES_ROWS: readonly string[] = [
  'INSERT INTO all_types (id) VALUES (1)',
  ...ROWS.map(([id, row]) => allTypesInsert(id, row)),
  'INSERT INTO more_types (id) VALUES (1)',
  MORE_TYPES_INSERT(2),
  DEFAULTS_INSERT(1),
];

/** The same rows inserted again while streaming (ids + 100), then updated and deleted. */
export const TYPES_WORKLOAD: readonly string[] = [
  'INSERT INTO all_types (id) VALUES (101)',
  ...ROWS.map(([id, row]) => allTypesInsert(id + 100, row)),
  'INSERT INTO more_types (id) VALUES (101)',
  MORE_TYPES_INSERT(102),
  DEFAULTS_INSERT(101),
  "UPDATE all_types SET c_text = 'updated', c_integer = c_integer + 1 WHERE id = 102",
  'UPDATE all_types SET c_numeric = NULL, c_json = NULL, c_bytea = NULL WHERE id = 104',
  'DELETE FROM all_types WHERE id = 103',
  'UPDATE more_types SET c_int_2d = NULL WHERE id = 102',
  'DELETE FROM more_types WHERE id = 102',
  'DELETE FROM with_defaults WHERE id = 101',
];
