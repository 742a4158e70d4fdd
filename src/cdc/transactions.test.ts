import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas, type Schema } from '../api/data/schema.js';
import type { Struct } from '../api/data/struct.js';
import type { SourceRecord } from '../api/record.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { TRANSACTION_KEY_SCHEMA, TRANSACTION_VALUE_SCHEMA, TransactionTracker } from './transactions.js';

const TOPIC = 'srv.transaction';
const PARTITION = { server: 'srv' };
const at = (lsn: number, tsMs = 1_700_000_000_000) => ({ partition: PARTITION, offset: { lsn }, tsMs });

function payload(schema: Schema | null, value: unknown, isKey = false): string {
  const converter = new JsonConverter();
  converter.configure({ 'schemas.enable': 'false' }, isKey);
  const bytes = converter.fromConnectData('topic', null, schema, value);
  assert.ok(bytes);
  return new TextDecoder().decode(bytes);
}

const status = (r: SourceRecord | undefined) => (r?.value as Struct).get('status');
const tracker = () => new TransactionTracker({ enabled: true, topic: TOPIC });

describe('transaction metadata schemas', () => {
  it('keys transaction records with io.debezium.connector.common.TransactionMetadataKey { id }', () => {
    assert.equal(TRANSACTION_KEY_SCHEMA.name, 'io.debezium.connector.common.TransactionMetadataKey');
    assert.equal(TRANSACTION_KEY_SCHEMA.optional, false);
    assert.deepEqual(
      TRANSACTION_KEY_SCHEMA.fields?.map((f) => [f.name, f.schema]),
      [['id', Schemas.STRING]],
    );
  });

  it('has status, id, event_count, data_collections, ts_ms in TransactionMetadataValue', () => {
    assert.equal(TRANSACTION_VALUE_SCHEMA.name, 'io.debezium.connector.common.TransactionMetadataValue');
    assert.equal(TRANSACTION_VALUE_SCHEMA.optional, false);
    const fields = TRANSACTION_VALUE_SCHEMA.fields ?? [];
    assert.deepEqual(
      fields.map((f) => f.name),
      ['status', 'id', 'event_count', 'data_collections', 'ts_ms'],
    );
    assert.equal(fields[0]?.schema, Schemas.STRING);
    assert.equal(fields[1]?.schema, Schemas.STRING);
    assert.equal(fields[2]?.schema, Schemas.OPTIONAL_INT64);
    assert.equal(fields[4]?.schema, Schemas.INT64);
    const collections = fields[3]?.schema;
    assert.equal(collections?.type, 'array');
    assert.equal(collections?.optional, true);
    const element = collections?.valueSchema;
    assert.equal(element?.name, 'event.collection');
    assert.equal(element?.version, 1);
    assert.deepEqual(
      element?.fields?.map((f) => [f.name, f.schema]),
      [
        ['data_collection', Schemas.STRING],
        ['event_count', Schemas.INT64],
      ],
    );
  });
});

describe('TransactionTracker', () => {
  it('does nothing when provide.transaction.metadata is off', () => {
    const off = new TransactionTracker({ enabled: false, topic: TOPIC });
    const out: SourceRecord[] = [];
    assert.equal(off.enabled, false);
    assert.equal(off.block('571', 'public.a', at(1), out), null);
    off.end(at(2), out);
    assert.equal(out.length, 0);
  });

  it('emits BEGIN before the first event of a transaction', () => {
    const t = tracker();
    assert.equal(t.enabled, true);
    const out: SourceRecord[] = [];
    const block = t.block('571', 'public.a', at(100, 1_700_000_000_123), out);
    assert.deepEqual(block, { id: '571', totalOrder: 1, dataCollectionOrder: 1 });
    assert.equal(out.length, 1);
    const [begin] = out;
    assert.equal(begin?.topic, TOPIC);
    assert.equal(begin?.keySchema, TRANSACTION_KEY_SCHEMA);
    assert.equal(begin?.valueSchema, TRANSACTION_VALUE_SCHEMA);
    assert.equal(payload(begin?.keySchema ?? null, begin?.key, true), '{"id":"571"}');
    // AbstractTransactionStructMaker.buildBeginTransactionValue: status, id and ts_ms only.
    assert.equal(payload(begin?.valueSchema ?? null, begin?.value), '{"status":"BEGIN","id":"571","event_count":null,"data_collections":null,"ts_ms":1700000000123}');
    assert.deepEqual(begin?.sourcePartition, PARTITION);
    assert.deepEqual(begin?.sourceOffset, { lsn: 100 });
    (begin?.value as Struct).validate();
  });

  it('counts events per transaction and per data collection', () => {
    const t = tracker();
    const out: SourceRecord[] = [];
    const blocks = [
      t.block('571', 'public.tx_b', at(1), out),
      t.block('571', 'public.tx_a', at(2), out),
      t.block('571', 'public.tx_b', at(3), out),
      t.block('571', 'public.tx_b', at(4), out),
      t.block('571', 'public.tx_a', at(5), out),
    ];
    assert.deepEqual(blocks, [
      { id: '571', totalOrder: 1, dataCollectionOrder: 1 },
      { id: '571', totalOrder: 2, dataCollectionOrder: 1 },
      { id: '571', totalOrder: 3, dataCollectionOrder: 2 },
      { id: '571', totalOrder: 4, dataCollectionOrder: 3 },
      { id: '571', totalOrder: 5, dataCollectionOrder: 2 },
    ]);
    assert.deepEqual(out.map(status), ['BEGIN']);
  });

  it('emits END with the event counts at commit', () => {
    const t = tracker();
    const out: SourceRecord[] = [];
    t.block('571', 'public.tx_b', at(1), out);
    t.block('571', 'public.tx_a', at(2), out);
    t.block('571', 'public.tx_b', at(3), out);
    t.end(at(4, 1_700_000_000_456), out);
    assert.deepEqual(out.map(status), ['BEGIN', 'END']);
    const end = out[1] as SourceRecord;
    assert.equal(end.topic, TOPIC);
    assert.equal(payload(end.keySchema, end.key, true), '{"id":"571"}');
    // The order of data_collections here is also the order of Debezium's HashMap for these two names.
    assert.equal(
      payload(end.valueSchema, end.value),
      '{"status":"END","id":"571","event_count":3,"data_collections":[{"data_collection":"public.tx_b","event_count":2},{"data_collection":"public.tx_a","event_count":1}],"ts_ms":1700000000456}',
    );
    assert.deepEqual(end.sourceOffset, { lsn: 4 });
    (end.value as Struct).validate();
  });

  it('starts counting afresh for the next transaction', () => {
    const t = tracker();
    const out: SourceRecord[] = [];
    t.block('571', 'public.a', at(1), out);
    t.block('571', 'public.a', at(2), out);
    t.end(at(3), out);
    assert.deepEqual(t.block('572', 'public.a', at(4), out), { id: '572', totalOrder: 1, dataCollectionOrder: 1 });
    t.end(at(5), out);
    assert.deepEqual(out.map(status), ['BEGIN', 'END', 'BEGIN', 'END']);
    const lastEnd = out[3] as SourceRecord;
    assert.match(payload(lastEnd.valueSchema, lastEnd.value), /"id":"572","event_count":1,"data_collections":\[\{"data_collection":"public.a","event_count":1\}\]/);
  });

  it('ends the open transaction before beginning another one that shows up without a commit', () => {
    // TransactionMonitor.dataEvent: a different transaction id ends the one in progress, then begins the new one.
    const t = tracker();
    const out: SourceRecord[] = [];
    t.block('571', 'public.a', at(1), out);
    t.block('571', 'public.a', at(2), out);
    assert.deepEqual(t.block('572', 'public.a', at(3, 1_700_000_000_999), out), { id: '572', totalOrder: 1, dataCollectionOrder: 1 });
    assert.deepEqual(out.map(status), ['BEGIN', 'END', 'BEGIN']);
    const [, end, begin] = out;
    assert.equal(payload(end?.keySchema ?? null, end?.key, true), '{"id":"571"}');
    assert.match(payload(end?.valueSchema ?? null, end?.value), /^\{"status":"END","id":"571","event_count":2,.*"ts_ms":1700000000999\}$/);
    assert.equal(payload(begin?.keySchema ?? null, begin?.key, true), '{"id":"572"}');
    assert.deepEqual(end?.sourceOffset, { lsn: 3 });
  });

  it('emits nothing at a commit without an open transaction', () => {
    const t = tracker();
    const out: SourceRecord[] = [];
    t.end(at(1), out);
    assert.equal(out.length, 0);
    t.block('571', 'public.a', at(2), out);
    t.end(at(3), out);
    t.end(at(4), out);
    assert.deepEqual(out.map(status), ['BEGIN', 'END']);
  });

  it('begins again when the same id shows up after its END', () => {
    const t = tracker();
    const out: SourceRecord[] = [];
    t.block('571', 'public.a', at(1), out);
    t.end(at(2), out);
    assert.deepEqual(t.block('571', 'public.a', at(3), out), { id: '571', totalOrder: 1, dataCollectionOrder: 1 });
    assert.deepEqual(out.map(status), ['BEGIN', 'END', 'BEGIN']);
  });
});
