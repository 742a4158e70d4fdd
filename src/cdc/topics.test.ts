import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TopicNaming, adjustSchemaName } from './topics.js';

const DEFAULTS = { prefix: 'srv', delimiter: '.', transactionSuffix: 'transaction', heartbeatPrefix: '__debezium-heartbeat' };

describe('TopicNaming', () => {
  it('names data topics <topic.prefix>.<schema>.<table> (SchemaTopicNamingStrategy)', () => {
    const naming = new TopicNaming(DEFAULTS);
    assert.equal(naming.dataTopic(['public', 'orders']), 'srv.public.orders');
  });

  it('leaves out missing parts (MySQL has no schema, a bare collection has neither)', () => {
    const naming = new TopicNaming(DEFAULTS);
    assert.equal(naming.dataTopic(['inventory', null, 'orders']), 'srv.inventory.orders');
    assert.equal(naming.dataTopic([null, 'orders']), 'srv.orders');
    assert.equal(naming.dataTopic(['', 'orders']), 'srv.orders');
  });

  it('keeps the case and the characters Kafka allows in topic names', () => {
    const naming = new TopicNaming(DEFAULTS);
    assert.equal(naming.dataTopic(['Sales_2024', 'Order-Lines']), 'srv.Sales_2024.Order-Lines');
  });

  it('names the transaction topic <topic.prefix>.transaction', () => {
    assert.equal(new TopicNaming(DEFAULTS).transactionTopic(), 'srv.transaction');
  });

  it('names the heartbeat topic __debezium-heartbeat.<topic.prefix>', () => {
    assert.equal(new TopicNaming(DEFAULTS).heartbeatTopic(), '__debezium-heartbeat.srv');
  });

  it('honours topic.delimiter, topic.transaction and topic.heartbeat.prefix', () => {
    // Checked against SchemaTopicNamingStrategy 3.2.7 with these properties.
    const naming = new TopicNaming({ prefix: 'srv', delimiter: '_', transactionSuffix: 'txs', heartbeatPrefix: 'hb' });
    assert.equal(naming.dataTopic(['public', 'orders']), 'srv_public_orders');
    assert.equal(naming.transactionTopic(), 'srv_txs');
    assert.equal(naming.heartbeatTopic(), 'hb_srv');
  });

  it('exposes its options', () => {
    assert.deepEqual(new TopicNaming(DEFAULTS).options, DEFAULTS);
  });
});

describe('adjustSchemaName', () => {
  it('leaves names alone with none (the default since Debezium 2.0)', () => {
    assert.equal(adjustSchemaName('my-db.public.my table.Value', 'none'), 'my-db.public.my table.Value');
    assert.equal(adjustSchemaName('1abc', 'none'), '1abc');
  });

  // Expected values below are SchemaNameAdjuster.AVRO / AVRO_UNICODE 3.2.7 outputs.
  it('returns valid Avro full names unchanged with avro and avro_unicode', () => {
    for (const name of ['srv.public.orders.Value', 'x.1y', 'A.b.C9', '']) {
      assert.equal(adjustSchemaName(name, 'avro'), name);
    }
    assert.equal(adjustSchemaName('srv.public.orders.Value', 'avro_unicode'), 'srv.public.orders.Value');
    assert.equal(adjustSchemaName('x.1y', 'avro_unicode'), 'x.1y');
  });

  it('replaces each invalid character with _ under avro', () => {
    assert.equal(adjustSchemaName('my-db.public.t', 'avro'), 'my_db.public.t');
    assert.equal(adjustSchemaName('a b', 'avro'), 'a_b');
    assert.equal(adjustSchemaName('a$b', 'avro'), 'a_b');
    assert.equal(adjustSchemaName('\u00e9t\u00e9', 'avro'), '_t_');
    assert.equal(adjustSchemaName('a\u4e2db', 'avro'), 'a_b');
  });

  it('keeps underscores under avro', () => {
    assert.equal(adjustSchemaName('_x', 'avro'), '_x');
    assert.equal(adjustSchemaName('x_y.z_', 'avro'), 'x_y.z_');
  });

  it('writes _uXXXX for each invalid character under avro_unicode', () => {
    assert.equal(adjustSchemaName('my-db.public.t', 'avro_unicode'), 'my_u002ddb.public.t');
    assert.equal(adjustSchemaName('a b', 'avro_unicode'), 'a_u0020b');
    assert.equal(adjustSchemaName('a$b', 'avro_unicode'), 'a_u0024b');
    assert.equal(adjustSchemaName('\u00e9t\u00e9', 'avro_unicode'), '_u00e9t_u00e9');
    assert.equal(adjustSchemaName('a\u4e2db', 'avro_unicode'), 'a_u4e2db');
  });

  it('escapes a leading digit under avro_unicode', () => {
    assert.equal(adjustSchemaName('1abc', 'avro_unicode'), '_u0031abc');
    assert.equal(adjustSchemaName('9', 'avro_unicode'), '_u0039');
  });

  it('works on UTF-16 code units, as Java chars', () => {
    // U+1F600 is two chars in Java: each is replaced on its own.
    assert.equal(adjustSchemaName('a\u{1F600}b', 'avro'), 'a__b');
    assert.equal(adjustSchemaName('a\u{1F600}b', 'avro_unicode'), 'a_ud83d_ude00b');
  });
});
