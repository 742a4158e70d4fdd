/**
 * Scenarios for the options that reshape keys and columns: message.key.columns, column masking and truncation,
 * table and column include/exclude lists.
 */
import type { Scenario } from '../scenario.js';
import { scenario } from './common.js';

const keyColumns = scenario({
  name: 'message-key-columns',
  description:
    'message.key.columns on a table with a primary key (DEFAULT identity), a REPLICA IDENTITY FULL table, and a keyless table; updates that change the chosen key columns',
  tables: ['orders_default', 'orders_full', 'orders_keyless'],
  extra: {
    'message.key.columns':
      'public.orders_default:customer_id,region;public.orders_full:customer_id;public.orders_keyless:region,customer_id',
  },
  setup: [
    'CREATE TABLE orders_default (id integer PRIMARY KEY, customer_id integer, region text, amount integer)',
    'CREATE TABLE orders_full (id integer PRIMARY KEY, customer_id integer, region text, amount integer)',
    'ALTER TABLE orders_full REPLICA IDENTITY FULL',
    'CREATE TABLE orders_keyless (id integer, customer_id integer, region text, amount integer)',
    'ALTER TABLE orders_keyless REPLICA IDENTITY FULL',
    "INSERT INTO orders_default VALUES (1, 100, 'eu', 5)",
    "INSERT INTO orders_full VALUES (1, 100, 'eu', 5)",
    "INSERT INTO orders_keyless VALUES (1, 100, 'eu', 5)",
  ],
  workload: [
    { sql: "INSERT INTO orders_default VALUES (2, 200, 'us', 7)" },
    { sql: 'UPDATE orders_default SET amount = 8 WHERE id = 2' },
    { sql: 'UPDATE orders_default SET customer_id = 201 WHERE id = 2' },
    { sql: 'UPDATE orders_default SET id = 3 WHERE id = 2' },
    { sql: 'DELETE FROM orders_default WHERE id = 3' },
    { sql: "INSERT INTO orders_full VALUES (2, 200, 'us', 7)" },
    { sql: 'UPDATE orders_full SET customer_id = 201 WHERE id = 2' },
    { sql: 'UPDATE orders_full SET id = 3 WHERE id = 2' },
    { sql: 'DELETE FROM orders_full WHERE id = 3' },
    { sql: "INSERT INTO orders_keyless VALUES (2, 200, 'us', 7)" },
    { sql: "UPDATE orders_keyless SET region = 'ap' WHERE id = 2" },
    { sql: 'DELETE FROM orders_keyless WHERE id = 2' },
  ],
});

const masking = scenario({
  name: 'column-masking',
  description:
    'column.mask.with.N.chars, column.mask.hash (v1 and v2) with salt, column.truncate.to.N.chars on text, varchar(n) and char(n) columns',
  tables: ['people'],
  extra: {
    'column.mask.with.5.chars': 'public.people.ssn,public.people.code',
    'column.mask.with.0.chars': 'public.people.hidden',
    'column.mask.hash.SHA-256.with.salt.CzQMA0cB5K': 'public.people.email',
    'column.mask.hash.v2.SHA-256.with.salt.CzQMA0cB5K': 'public.people.phone',
    'column.mask.hash.MD5.with.salt.salt': 'public.people.vname',
    'column.truncate.to.4.chars': 'public.people.name,public.people.vname,public.people.code',
  },
  setup: [
    `CREATE TABLE people (id integer PRIMARY KEY, name text, vname varchar(20), code char(8), ssn text, hidden text,
      email text, phone varchar(20))`,
    "INSERT INTO people VALUES (1, 'Alexandra', 'Bartholomew', 'ABCDEFGH', '123-45-6789', 'secret', 'alex@example.com', '+1 555 0100')",
  ],
  workload: [
    { sql: "INSERT INTO people VALUES (2, 'Bo', 'Jürgen Ünterwald', 'AB', '', NULL, 'bo@example.com', '')" },
    { sql: "UPDATE people SET email = 'bo2@example.com', ssn = '987-65-4321' WHERE id = 2" },
    { sql: 'DELETE FROM people WHERE id = 2' },
  ],
});

const includeExclude = scenario({
  name: 'include-exclude',
  description:
    'table.include.list naming a public table and a table of another schema (a third table left out) with column.exclude.list dropping a column of each captured table',
  tables: ['kept', 'inventory.items'],
  extra: { 'column.exclude.list': 'public.kept.secret,inventory.items.cost' },
  setup: [
    'CREATE SCHEMA inventory',
    'CREATE TABLE kept (id integer PRIMARY KEY, name text, secret text)',
    'CREATE TABLE left_out (id integer PRIMARY KEY, name text)',
    'CREATE TABLE inventory.items (sku text PRIMARY KEY, cost numeric(10,2), qty integer)',
    "INSERT INTO kept VALUES (1, 'one', 's1')",
    "INSERT INTO left_out VALUES (1, 'one')",
    "INSERT INTO inventory.items VALUES ('A-1', 9.99, 3)",
  ],
  workload: [
    { sql: "INSERT INTO kept VALUES (2, 'two', 's2')" },
    { sql: "UPDATE kept SET secret = 'changed only the excluded column' WHERE id = 2" },
    { sql: "INSERT INTO left_out VALUES (2, 'two')" },
    { sql: "UPDATE inventory.items SET qty = 4, cost = 10.5 WHERE sku = 'A-1'" },
    { sql: "DELETE FROM inventory.items WHERE sku = 'A-1'" },
    { sql: 'DELETE FROM kept WHERE id = 2' },
  ],
});

export const filterScenarios: readonly Scenario[] = [keyColumns, masking, includeExclude];
