/**
 * The Debezium settings of the seed connector configs (test/fixtures/seeds/): 000-02 (ExtractNewRecordState with
 * delete.handling.mode=rewrite, add.fields=op,source.ts_ms, drop.tombstones=false) and 003-01 (RegexRouter then
 * ExtractNewRecordState, add.fields=op,source.ts_ms,source.db, heartbeat settings). Connection settings, names and
 * converters are the harness's: topic prefix, slot and publication are cap_<scenario>, the RegexRouter
 * replacement writes to cap_seed_route_out.<table> instead of cdc.<table>, and the AvroConverter of 003-01 is
 * left out (the worker's JsonConverter with schemas applies).
 */
import type { Scenario } from '../scenario.js';
import { scenario } from './common.js';

const SHOP_SETUP = [
  'CREATE TABLE customers (id integer PRIMARY KEY, name text, email text)',
  'CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, total numeric(10,2), status text, created_at timestamptz)',
  "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com')",
  "INSERT INTO orders VALUES (1, 1, 10.50, 'new', '2024-01-01 10:00:00+00')",
];

const SHOP_WORKLOAD = [
  { sql: "INSERT INTO customers VALUES (2, 'Grace', 'grace@example.com')" },
  { sql: "INSERT INTO orders VALUES (2, 2, 99.99, 'new', '2024-01-02 11:00:00+00')" },
  { sql: "UPDATE orders SET status = 'shipped' WHERE id = 2" },
  { sql: 'UPDATE orders SET id = 20 WHERE id = 2' },
  { sql: 'DELETE FROM orders WHERE id = 20' },
  { sql: 'DELETE FROM customers WHERE id = 2' },
];

const unwrapRewrite = scenario({
  name: 'seed-unwrap-rewrite',
  description:
    'seed 000-02: ExtractNewRecordState with drop.tombstones=false, delete.handling.mode=rewrite, add.fields=op,source.ts_ms; tombstones.on.delete=true, snapshot.mode=initial, schema.include.list=public',
  tables: ['orders', 'customers'],
  extra: {
    'tasks.max': '1',
    'schema.include.list': 'public',
    'snapshot.mode': 'initial',
    'tombstones.on.delete': 'true',
    transforms: 'unwrap',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.drop.tombstones': 'false',
    'transforms.unwrap.delete.handling.mode': 'rewrite',
    'transforms.unwrap.add.fields': 'op,source.ts_ms',
  },
  setup: SHOP_SETUP,
  workload: SHOP_WORKLOAD,
});

const routeUnwrap = scenario({
  name: 'seed-route-unwrap',
  description:
    'seed 003-01: RegexRouter ([^.]+)\\.([^.]+)\\.([^.]+) → cap_seed_route_out.$3, then ExtractNewRecordState (drop.tombstones=false, delete.handling.mode=rewrite, add.fields=op,source.ts_ms,source.db), heartbeat.interval.ms=30000, heartbeat.topics.prefix, snapshot.fetch.size, max.batch.size, max.queue.size, poll.interval.ms, errors.*',
  tables: ['orders', 'customers'],
  extra: {
    'snapshot.mode': 'initial',
    'snapshot.fetch.size': '10000',
    'heartbeat.interval.ms': '30000',
    'heartbeat.topics.prefix': '__debezium-heartbeat',
    transforms: 'route,unwrap',
    'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
    'transforms.route.regex': '([^.]+)\\.([^.]+)\\.([^.]+)',
    'transforms.route.replacement': 'cap_seed_route_out.$3',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.drop.tombstones': 'false',
    'transforms.unwrap.delete.handling.mode': 'rewrite',
    'transforms.unwrap.add.fields': 'op,source.ts_ms,source.db',
    'tasks.max': '1',
    'max.batch.size': '2048',
    'max.queue.size': '8192',
    'poll.interval.ms': '500',
    'errors.tolerance': 'none',
    'errors.log.enable': 'true',
    'errors.log.include.messages': 'true',
  },
  extraTopicPrefixes: ['cap_seed_route_out.'],
  setup: SHOP_SETUP,
  workload: SHOP_WORKLOAD,
});

/** What seed 000-02 asks for, in Debezium 3.x terms: delete.handling.mode=rewrite is gone (see seed-unwrap-rewrite). */
const unwrapRewriteCurrent = scenario({
  name: 'seed-unwrap-rewrite-current',
  description:
    'seed 000-02 with the Debezium 3.x spelling of its intent: ExtractNewRecordState delete.tombstone.handling.mode=rewrite, add.fields=op,source.ts_ms; tombstones.on.delete=true',
  tables: ['orders', 'customers'],
  extra: {
    'schema.include.list': 'public',
    'tombstones.on.delete': 'true',
    transforms: 'unwrap',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite',
    'transforms.unwrap.add.fields': 'op,source.ts_ms',
  },
  setup: SHOP_SETUP,
  workload: SHOP_WORKLOAD,
});

export const seedScenarios: readonly Scenario[] = [unwrapRewrite, unwrapRewriteCurrent, routeUnwrap];
