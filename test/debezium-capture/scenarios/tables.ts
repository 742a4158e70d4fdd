/**
 * Table-shape scenarios: keyless tables and replica identities, partitioned tables, TOASTed columns, primary
 * key changes and tombstones, TRUNCATE.
 */
import type { Scenario } from '../scenario.js';
import { scenario } from './common.js';

const keyless = scenario({
  name: 'keyless',
  description:
    'tables without a primary key: REPLICA IDENTITY DEFAULT (updates and deletes fail in PostgreSQL), FULL, and USING INDEX on a unique index',
  tables: ['no_pk', 'no_pk_full', 'uniq_idx'],
  setup: [
    'CREATE TABLE no_pk (a integer, b text)',
    'CREATE TABLE no_pk_full (a integer, b text)',
    'ALTER TABLE no_pk_full REPLICA IDENTITY FULL',
    'CREATE TABLE uniq_idx (code text NOT NULL, v integer)',
    'CREATE UNIQUE INDEX uniq_idx_code ON uniq_idx (code)',
    'ALTER TABLE uniq_idx REPLICA IDENTITY USING INDEX uniq_idx_code',
    "INSERT INTO no_pk VALUES (1, 'snap')",
    "INSERT INTO no_pk_full VALUES (1, 'snap')",
    "INSERT INTO uniq_idx VALUES ('a', 1)",
  ],
  workload: [
    { sql: "INSERT INTO no_pk VALUES (2, 'two'), (2, 'two again')" },
    { sql: "UPDATE no_pk SET b = 'x' WHERE a = 2", expectError: 'does not have a replica identity' },
    { sql: 'DELETE FROM no_pk WHERE a = 2', expectError: 'does not have a replica identity' },
    { sql: "INSERT INTO no_pk_full VALUES (2, 'two'), (2, 'two')" },
    { sql: "UPDATE no_pk_full SET b = 'changed' WHERE a = 2" },
    { sql: 'DELETE FROM no_pk_full WHERE a = 2' },
    { sql: "INSERT INTO uniq_idx VALUES ('b', 2)" },
    { sql: "UPDATE uniq_idx SET v = 20 WHERE code = 'b'" },
    { sql: "UPDATE uniq_idx SET code = 'c' WHERE code = 'b'" },
    { sql: "DELETE FROM uniq_idx WHERE code = 'c'" },
  ],
});

const PARTITIONED_SETUP = [
  'CREATE TABLE meas (id integer, region text, v integer, PRIMARY KEY (id, region)) PARTITION BY LIST (region)',
  "CREATE TABLE meas_eu PARTITION OF meas FOR VALUES IN ('eu')",
  "CREATE TABLE meas_us PARTITION OF meas FOR VALUES IN ('us')",
  "INSERT INTO meas VALUES (1, 'eu', 10), (2, 'us', 20)",
];

const PARTITIONED_WORKLOAD = [
  { sql: "INSERT INTO meas VALUES (3, 'eu', 30)" },
  { sql: "INSERT INTO meas VALUES (4, 'us', 40)" },
  { sql: 'UPDATE meas SET v = 31 WHERE id = 3' },
  { sql: "UPDATE meas SET region = 'us' WHERE id = 3" },
  { sql: 'DELETE FROM meas WHERE id = 4' },
];

const partitionedRoot = scenario({
  name: 'partitioned-via-root',
  description: 'a list-partitioned table captured through its root: publish.via.partition.root=true, table.include.list = the parent only',
  tables: ['meas'],
  extra: { 'publish.via.partition.root': 'true' },
  setup: PARTITIONED_SETUP,
  workload: PARTITIONED_WORKLOAD,
});

const partitionedLeaves = scenario({
  name: 'partitioned-via-leaves',
  description:
    'the same partitioned table with publish.via.partition.root=false (the default) and table.include.list naming parent and partitions',
  tables: ['meas', 'meas_eu', 'meas_us'],
  extra: { 'publish.via.partition.root': 'false' },
  setup: PARTITIONED_SETUP,
  workload: PARTITIONED_WORKLOAD,
});

const replicaIdentityFull = scenario({
  name: 'replica-identity-full',
  description: 'REPLICA IDENTITY FULL with a primary key: before images on update and delete, a primary key change',
  tables: ['full_identity'],
  setup: [
    'CREATE TABLE full_identity (id integer PRIMARY KEY, name text, qty integer, note varchar(10))',
    'ALTER TABLE full_identity REPLICA IDENTITY FULL',
    "INSERT INTO full_identity VALUES (1, 'one', 1, NULL)",
  ],
  workload: [
    { sql: "INSERT INTO full_identity VALUES (2, 'two', 2, 'n')" },
    { sql: 'UPDATE full_identity SET qty = 3 WHERE id = 2' },
    { sql: 'UPDATE full_identity SET qty = qty WHERE id = 2' },
    { sql: 'UPDATE full_identity SET id = 20 WHERE id = 2' },
    { sql: 'DELETE FROM full_identity WHERE id = 20' },
  ],
});

function toastTable(name: string, identity: 'DEFAULT' | 'FULL'): string[] {
  return [
    `CREATE TABLE ${name} (id integer PRIMARY KEY, label text, big_text text, big_bytea bytea, big_array text[], big_jsonb jsonb, small_text text)`,
    ...['big_text', 'big_bytea', 'big_array', 'big_jsonb', 'small_text'].map((c) => `ALTER TABLE ${name} ALTER COLUMN ${c} SET STORAGE EXTERNAL`),
    `ALTER TABLE ${name} REPLICA IDENTITY ${identity}`,
  ];
}

const toastInsert = (table: string, id: number) =>
  `INSERT INTO ${table} VALUES (${id}, 'first', repeat('x', 9000), decode(repeat('ab', 9000), 'hex'), ARRAY(SELECT repeat('y', 100) FROM generate_series(1, 90)), jsonb_build_object('k', repeat('z', 9000)), 'small')`;

function toastWorkload(table: string) {
  return [
    { sql: toastInsert(table, 2) },
    { sql: `UPDATE ${table} SET label = 'label changed' WHERE id = 2` },
    { sql: `UPDATE ${table} SET big_text = repeat('w', 9001) WHERE id = 2` },
    { sql: `UPDATE ${table} SET small_text = 'small changed' WHERE id = 2` },
    { sql: `UPDATE ${table} SET label = 'again' WHERE id = 1` },
    { sql: `DELETE FROM ${table} WHERE id = 2` },
  ];
}

const TOAST_SETUP = [...toastTable('toast_default', 'DEFAULT'), ...toastTable('toast_full', 'FULL'), toastInsert('toast_default', 1), toastInsert('toast_full', 1)];
const TOAST_WORKLOAD = [...toastWorkload('toast_default'), ...toastWorkload('toast_full')];

const toast = scenario({
  name: 'toast',
  description:
    'TOASTed columns (text, bytea, text[], jsonb; > 8 KB, STORAGE EXTERNAL) under REPLICA IDENTITY DEFAULT and FULL: updates that leave them unchanged, a delete; default unavailable.value.placeholder',
  tables: ['toast_default', 'toast_full'],
  setup: TOAST_SETUP,
  workload: TOAST_WORKLOAD,
});

const toastPlaceholder = scenario({
  name: 'toast-custom-placeholder',
  description: 'the toast scenario with unavailable.value.placeholder=UNAVAILABLE (tables under REPLICA IDENTITY DEFAULT only)',
  tables: ['toast_default'],
  extra: { 'unavailable.value.placeholder': 'UNAVAILABLE' },
  setup: [...toastTable('toast_default', 'DEFAULT'), toastInsert('toast_default', 1)],
  workload: toastWorkload('toast_default'),
});

function pkUpdate(name: string, tombstones: boolean): Scenario {
  return scenario({
    name,
    description: `primary key updates (single and composite key) and deletes with tombstones.on.delete=${tombstones}`,
    tables: ['accounts', 'composite'],
    extra: { 'tombstones.on.delete': String(tombstones) },
    setup: [
      'CREATE TABLE accounts (id integer PRIMARY KEY, name text)',
      'CREATE TABLE composite (a integer, b text, v integer, PRIMARY KEY (a, b))',
      "INSERT INTO accounts VALUES (1, 'one')",
      "INSERT INTO composite VALUES (1, 'x', 1)",
    ],
    workload: [
      { sql: "INSERT INTO accounts VALUES (2, 'two')" },
      { sql: 'UPDATE accounts SET id = 10 WHERE id = 1' },
      { sql: "UPDATE accounts SET name = 'ten' WHERE id = 10" },
      { sql: 'DELETE FROM accounts WHERE id = 10' },
      { sql: "UPDATE composite SET b = 'y' WHERE a = 1" },
      { sql: 'UPDATE composite SET a = 2, v = 2 WHERE a = 1' },
      { sql: 'DELETE FROM composite WHERE a = 2' },
    ],
  });
}

function truncate(name: string, extra: Readonly<Record<string, string>>, what: string): Scenario {
  return scenario({
    name,
    description: `TRUNCATE of one table and of two tables in one statement, ${what}`,
    tables: ['trunc_a', 'trunc_b'],
    extra,
    setup: ['CREATE TABLE trunc_a (id integer PRIMARY KEY)', 'CREATE TABLE trunc_b (id integer PRIMARY KEY)', 'INSERT INTO trunc_a VALUES (1)'],
    workload: [
      { sql: 'INSERT INTO trunc_a VALUES (2)' },
      { sql: 'TRUNCATE trunc_a' },
      { sql: 'INSERT INTO trunc_a VALUES (3)' },
      { sql: 'INSERT INTO trunc_b VALUES (3)' },
      { sql: 'TRUNCATE trunc_a, trunc_b' },
      { sql: 'INSERT INTO trunc_b VALUES (4)' },
    ],
  });
}

export const tableScenarios: readonly Scenario[] = [
  keyless,
  partitionedRoot,
  partitionedLeaves,
  replicaIdentityFull,
  toast,
  toastPlaceholder,
  pkUpdate('pk-update-tombstones', true),
  pkUpdate('pk-update-no-tombstones', false),
  truncate('truncate-skipped', {}, 'skipped.operations at its default (t)'),
  truncate('truncate-included', { 'skipped.operations': 'none' }, 'skipped.operations=none'),
];
