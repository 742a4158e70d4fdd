import type { PgoutputOptions } from '../commands.js';

/*
 * The workloads behind the captured pgoutput fixtures (connectors/postgres/test/fixtures/captured/). Each
 * runs in a fresh database on PostgreSQL 15 and 18; `capture-fixtures.ts` records the replication stream.
 */

/** A statement run on its own, or a transaction: BEGIN, pg_current_xact_id() (recorded), statements, end. */
export type Step =
  | string
  | {
      readonly transaction: readonly string[];
      readonly end?: 'COMMIT' | 'ROLLBACK';
      /** Live scenarios: wait until the server has streamed part of this transaction before ending it. */
      readonly awaitStreamBeforeEnd?: boolean;
    };

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Run before the slot is created: tables, types, the publication `tw_pub`. */
  readonly setup: readonly string[];
  /** Run after the slot exists; this is what the stream shows. */
  readonly steps: readonly Step[];
  /** Run after capture. */
  readonly cleanup?: readonly string[];
  /** Tables whose oids the fixture records (schema-qualified). */
  readonly relations: readonly string[];
  /** Types whose oids the fixture records. */
  readonly types?: readonly string[];
  /** Replication-connection settings (also applied to the SQL peek that cross-checks the capture). */
  readonly settings?: Readonly<Record<string, string>>;
  /** START_REPLICATION options beyond the publication, per server major version. */
  readonly options: (major: number) => Omit<PgoutputOptions, 'publicationNames'>;
  /** Server majors to capture on; default 15 and 18. */
  readonly majors?: readonly number[];
  /**
   * Stream while the steps run (instead of draining a backlog afterwards). Needed to see a streamed
   * transaction abort on PostgreSQL 17+, which skips decoding transactions already known to be aborted.
   * There is then no SQL-peek oracle: decoding the same WAL later gives a different stream.
   */
  readonly live?: boolean;
}

/** Protocol 1 on PostgreSQL 15, protocol 4 with parallel streaming on 18. */
const plain = (major: number): Omit<PgoutputOptions, 'publicationNames'> =>
  major >= 16 ? { protoVersion: 4, streaming: 'parallel', messages: true } : { protoVersion: 1, streaming: 'off', messages: true };

/** Streaming on 15 (protocol 2), parallel streaming on 18 (protocol 4). */
const streamed = (major: number): Omit<PgoutputOptions, 'publicationNames'> =>
  major >= 16 ? { protoVersion: 4, streaming: 'parallel', messages: true } : { protoVersion: 2, streaming: 'on', messages: true };

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'dml-default',
    description: 'REPLICA IDENTITY DEFAULT: inserts (with NULLs), an update, an update of the primary key, a delete',
    setup: [
      'CREATE TABLE public.customers (id int PRIMARY KEY, name text, email text, balance numeric(10,2), tags text[], created timestamptz)',
      'CREATE PUBLICATION tw_pub FOR TABLE public.customers',
    ],
    steps: [
      {
        transaction: [
          "INSERT INTO public.customers VALUES (1, 'Ann', 'ann@example.com', 12.50, '{a,b}', '2024-01-02 03:04:05.678901+00')",
          "INSERT INTO public.customers (id, name) VALUES (2, 'Bob')",
        ],
      },
      { transaction: ["UPDATE public.customers SET name = 'Ann B', balance = -0.01 WHERE id = 1"] },
      { transaction: ['UPDATE public.customers SET id = 20 WHERE id = 2'] },
      { transaction: ['DELETE FROM public.customers WHERE id = 20'] },
    ],
    relations: ['public.customers'],
    options: plain,
  },
  {
    name: 'dml-full',
    description: 'REPLICA IDENTITY FULL: insert, update and delete carry the whole old row',
    setup: [
      'CREATE TABLE public.accounts (id int PRIMARY KEY, owner text, amount int)',
      'ALTER TABLE public.accounts REPLICA IDENTITY FULL',
      'CREATE PUBLICATION tw_pub FOR TABLE public.accounts',
    ],
    steps: [
      { transaction: ["INSERT INTO public.accounts VALUES (1, 'ann', 100)"] },
      { transaction: ['UPDATE public.accounts SET amount = 150 WHERE id = 1'] },
      { transaction: ['UPDATE public.accounts SET id = 2, owner = NULL WHERE id = 1'] },
      { transaction: ['DELETE FROM public.accounts WHERE id = 2'] },
    ],
    relations: ['public.accounts'],
    options: plain,
  },
  {
    name: 'toast',
    description: 'An out-of-line (TOASTed) 3000-byte value left unchanged by updates, under DEFAULT and then FULL identity',
    setup: [
      'CREATE TABLE public.documents (id int PRIMARY KEY, title text, body text)',
      'ALTER TABLE public.documents ALTER COLUMN body SET STORAGE EXTERNAL',
      'CREATE PUBLICATION tw_pub FOR TABLE public.documents',
    ],
    steps: [
      { transaction: ["INSERT INTO public.documents VALUES (1, 'v1', repeat('0123456789', 300))"] },
      { transaction: ["UPDATE public.documents SET title = 'v2' WHERE id = 1"] },
      'ALTER TABLE public.documents REPLICA IDENTITY FULL',
      { transaction: ["UPDATE public.documents SET title = 'v3' WHERE id = 1"] },
      { transaction: ['DELETE FROM public.documents WHERE id = 1'] },
    ],
    relations: ['public.documents'],
    options: plain,
  },
  {
    name: 'truncate',
    description: 'TRUNCATE … CASCADE, … RESTART IDENTITY, and both',
    setup: [
      'CREATE TABLE public.parents (id serial PRIMARY KEY)',
      'CREATE TABLE public.children (id serial PRIMARY KEY, parent_id int REFERENCES public.parents)',
      'CREATE PUBLICATION tw_pub FOR TABLE public.parents, public.children',
    ],
    steps: [
      { transaction: ['INSERT INTO public.parents DEFAULT VALUES', 'INSERT INTO public.children (parent_id) VALUES (1)'] },
      { transaction: ['TRUNCATE public.parents CASCADE'] },
      { transaction: ['TRUNCATE public.children RESTART IDENTITY'] },
      { transaction: ['TRUNCATE public.parents, public.children RESTART IDENTITY CASCADE'] },
    ],
    relations: ['public.parents', 'public.children'],
    options: plain,
  },
  {
    name: 'messages',
    description: 'Transactional and non-transactional logical decoding messages, including from a rolled-back transaction',
    setup: ['CREATE TABLE public.events (id int PRIMARY KEY)', 'CREATE PUBLICATION tw_pub FOR TABLE public.events'],
    steps: [
      { transaction: ['INSERT INTO public.events VALUES (1)', "SELECT pg_logical_emit_message(true, 'audit', 'inside the transaction')"] },
      "SELECT pg_logical_emit_message(false, 'heartbeat', 'on its own')",
      {
        transaction: [
          "SELECT pg_logical_emit_message(true, 'audit', 'rolled back: never sent')",
          "SELECT pg_logical_emit_message(false, 'progress', 'sent although the transaction rolls back')",
        ],
        end: 'ROLLBACK',
      },
      { transaction: ["SELECT pg_logical_emit_message(true, 'bytes', '\\x00ff10'::bytea)"] },
    ],
    relations: ['public.events'],
    options: plain,
  },
  {
    name: 'relation-change',
    description: 'The Relation message is sent again after ALTER TABLE adds and drops columns',
    setup: ['CREATE TABLE public.items (id int PRIMARY KEY, name text)', 'CREATE PUBLICATION tw_pub FOR TABLE public.items'],
    steps: [
      { transaction: ["INSERT INTO public.items VALUES (1, 'one')"] },
      'ALTER TABLE public.items ADD COLUMN price numeric(8,2)',
      { transaction: ["INSERT INTO public.items VALUES (2, 'two', 2.50)"] },
      'ALTER TABLE public.items DROP COLUMN name',
      { transaction: ['INSERT INTO public.items VALUES (3, 3.75)'] },
    ],
    relations: ['public.items'],
    options: plain,
  },
  {
    name: 'custom-types',
    description: 'An enum and a domain column: Type messages precede the Relation',
    setup: [
      "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy')",
      'CREATE DOMAIN public.posint AS int CHECK (VALUE > 0)',
      'CREATE TABLE public.moods (id int PRIMARY KEY, feeling public.mood, score public.posint)',
      'CREATE PUBLICATION tw_pub FOR TABLE public.moods',
    ],
    steps: [{ transaction: ["INSERT INTO public.moods VALUES (1, 'happy', 7)"] }],
    relations: ['public.moods'],
    types: ['public.mood', 'public.posint'],
    options: plain,
  },
  {
    name: 'origin',
    description: 'A transaction replayed under a replication origin: an Origin message follows Begin',
    setup: ['CREATE TABLE public.replicated (id int PRIMARY KEY)', 'CREATE PUBLICATION tw_pub FOR TABLE public.replicated'],
    steps: [
      "SELECT pg_replication_origin_session_setup('${origin}')",
      { transaction: ["SELECT pg_replication_origin_xact_setup('0/ABCDEF', '2024-01-02 03:04:05.678901+00')", 'INSERT INTO public.replicated VALUES (1)'] },
      'SELECT pg_replication_origin_session_reset()',
    ],
    relations: ['public.replicated'],
    options: plain,
  },
  {
    name: 'binary',
    description: "binary 'true': columns whose types have send functions arrive in binary ('b')",
    setup: [
      'CREATE TABLE public.samples (id int PRIMARY KEY, label text, flag bool, payload bytea, at timestamptz, n numeric)',
      'CREATE PUBLICATION tw_pub FOR TABLE public.samples',
    ],
    steps: [{ transaction: ["INSERT INTO public.samples VALUES (258, 'é', true, '\\x0102'::bytea, '2000-01-01 00:00:01+00', NULL)"] }],
    relations: ['public.samples'],
    options: (major) => ({ ...plain(major), binary: true }),
  },
  {
    name: 'streamed',
    description:
      'logical_decoding_work_mem=64kB: a streamed 5000-row transaction that commits, a streamed 1500-row one that ' +
      'aborts, and one whose rolled-back savepoint is aborted as a subtransaction',
    setup: ['CREATE TABLE public.bulk (id int PRIMARY KEY, v text)', 'CREATE PUBLICATION tw_pub FOR TABLE public.bulk'],
    steps: [
      { transaction: ["INSERT INTO public.bulk SELECT i, 'r' || i FROM generate_series(1, 5000) i"] },
      { transaction: ["INSERT INTO public.bulk SELECT i, 'x' FROM generate_series(10001, 11500) i"], end: 'ROLLBACK' },
      {
        transaction: [
          "INSERT INTO public.bulk SELECT i, 's' FROM generate_series(20001, 21200) i",
          'SAVEPOINT sp',
          "INSERT INTO public.bulk SELECT i, 'y' FROM generate_series(30001, 31200) i",
          'ROLLBACK TO SAVEPOINT sp',
          "INSERT INTO public.bulk VALUES (40001, 'kept')",
        ],
      },
    ],
    relations: ['public.bulk'],
    settings: { logical_decoding_work_mem: '64kB' },
    options: streamed,
  },
  {
    name: 'streamed-abort-live',
    description:
      'logical_decoding_work_mem=64kB, streaming while the workload runs: a 1500-row transaction is streamed while ' +
      'still open and then rolled back (Stream Abort; with abort LSN and time under protocol 4)',
    setup: ['CREATE TABLE public.bulk (id int PRIMARY KEY, v text)', 'CREATE PUBLICATION tw_pub FOR TABLE public.bulk'],
    steps: [
      { transaction: ["INSERT INTO public.bulk SELECT i, 'x' FROM generate_series(1, 1500) i"], end: 'ROLLBACK', awaitStreamBeforeEnd: true },
      { transaction: ["INSERT INTO public.bulk VALUES (1, 'after')"] },
    ],
    relations: ['public.bulk'],
    settings: { logical_decoding_work_mem: '64kB' },
    options: streamed,
    live: true,
  },
];
