/**
 * Streaming-side records beyond row changes: logical decoding messages, transaction metadata, heartbeats.
 */
import type { Scenario } from '../scenario.js';
import { scenario } from './common.js';

const MESSAGES_WORKLOAD = [
  { sql: "SELECT pg_logical_emit_message(false, 'keep.plain', 'non-transactional ü')" },
  { sql: "SELECT pg_logical_emit_message(true, 'keep.tx', 'transactional, alone')" },
  {
    tx: [
      "INSERT INTO msg_table VALUES (1, 'with a message')",
      "SELECT pg_logical_emit_message(true, 'keep.tx', 'inside a transaction')",
      "SELECT pg_logical_emit_message(false, 'keep.plain', 'non-transactional inside a transaction')",
      "INSERT INTO msg_table VALUES (2, 'after the message')",
    ],
  },
  { sql: "SELECT pg_logical_emit_message(false, 'keep.bin', '\\x00ff10'::bytea)" },
  { sql: "SELECT pg_logical_emit_message(true, 'drop.me', 'filtered when a prefix list is set')" },
  { sql: "SELECT pg_logical_emit_message(false, '', '')" },
];

const messages = scenario({
  name: 'logical-messages',
  description:
    'pg_logical_emit_message: transactional and non-transactional, alone and inside a transaction with row changes, binary and empty content',
  tables: ['msg_table'],
  setup: ['CREATE TABLE msg_table (id integer PRIMARY KEY, note text)'],
  workload: MESSAGES_WORKLOAD,
});

const messagesFiltered = scenario({
  name: 'logical-messages-filtered',
  description: 'the logical-messages workload with message.prefix.include.list=keep\\..* and provide.transaction.metadata=true',
  tables: ['msg_table'],
  extra: { 'message.prefix.include.list': 'keep\\..*', 'provide.transaction.metadata': 'true' },
  setup: ['CREATE TABLE msg_table (id integer PRIMARY KEY, note text)'],
  workload: MESSAGES_WORKLOAD,
});

const transactionMetadata = scenario({
  name: 'transaction-metadata',
  description:
    'provide.transaction.metadata=true: single-statement and multi-statement transactions over two tables, a transaction touching only a table outside the include list, a rolled-back transaction',
  tables: ['tx_a', 'tx_b'],
  extra: { 'provide.transaction.metadata': 'true' },
  setup: [
    'CREATE TABLE tx_a (id integer PRIMARY KEY, v text)',
    'CREATE TABLE tx_b (id integer PRIMARY KEY, v text)',
    'CREATE TABLE tx_ignored (id integer PRIMARY KEY)',
    "INSERT INTO tx_a VALUES (1, 'snapshot')",
  ],
  workload: [
    { sql: "INSERT INTO tx_a VALUES (2, 'alone')" },
    {
      tx: [
        "INSERT INTO tx_a VALUES (3, 'multi')",
        "INSERT INTO tx_b VALUES (3, 'multi')",
        "UPDATE tx_a SET v = 'multi updated' WHERE id = 3",
        "INSERT INTO tx_b VALUES (4, 'multi')",
        'DELETE FROM tx_a WHERE id = 2',
      ],
    },
    { sql: 'INSERT INTO tx_ignored VALUES (1)' },
    { tx: ["INSERT INTO tx_a VALUES (5, 'rolled back')", 'SELECT 1/0'], expectError: 'division by zero' },
    { tx: ["INSERT INTO tx_b VALUES (6, 'last')", "UPDATE tx_b SET v = 'last updated' WHERE id = 6"] },
  ],
});

const heartbeat = scenario({
  name: 'heartbeat',
  description: 'heartbeat.interval.ms=1000 over an idle period and a change; the number of heartbeat records depends on timing',
  tables: ['hb_table'],
  extra: { 'heartbeat.interval.ms': '1000' },
  setup: ['CREATE TABLE hb_table (id integer PRIMARY KEY)', 'INSERT INTO hb_table VALUES (1)'],
  workload: [{ sleepMs: 2500 }, { sql: 'INSERT INTO hb_table VALUES (2)' }, { sleepMs: 2500 }],
});

export const streamingScenarios: readonly Scenario[] = [messages, messagesFiltered, transactionMetadata, heartbeat];
