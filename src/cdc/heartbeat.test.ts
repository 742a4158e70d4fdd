import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas, type Schema } from '../api/data/schema.js';
import type { Struct } from '../api/data/struct.js';
import type { SourceRecord } from '../api/record.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { HEARTBEAT_KEY_SCHEMA, HEARTBEAT_VALUE_SCHEMA, HeartbeatClock, heartbeatRecord } from './heartbeat.js';

const PARTITION = { server: 'srv' };
const OFFSET = { lsn: 23456, txId: 571, ts_usec: 1_700_000_000_000_000 };

function payload(schema: Schema | null, value: unknown, isKey: boolean): string {
  const converter = new JsonConverter();
  converter.configure({ 'schemas.enable': 'false' }, isKey);
  const bytes = converter.fromConnectData('topic', null, schema, value);
  assert.ok(bytes);
  return new TextDecoder().decode(bytes);
}

describe('heartbeat schemas', () => {
  it('keys heartbeats with io.debezium.connector.common.ServerNameKey { serverName }', () => {
    assert.equal(HEARTBEAT_KEY_SCHEMA.type, 'struct');
    assert.equal(HEARTBEAT_KEY_SCHEMA.name, 'io.debezium.connector.common.ServerNameKey');
    assert.equal(HEARTBEAT_KEY_SCHEMA.optional, false);
    assert.deepEqual(
      HEARTBEAT_KEY_SCHEMA.fields?.map((f) => [f.name, f.schema]),
      [['serverName', Schemas.STRING]],
    );
  });

  it('gives heartbeats the value io.debezium.connector.common.Heartbeat { ts_ms }', () => {
    assert.equal(HEARTBEAT_VALUE_SCHEMA.type, 'struct');
    assert.equal(HEARTBEAT_VALUE_SCHEMA.name, 'io.debezium.connector.common.Heartbeat');
    assert.equal(HEARTBEAT_VALUE_SCHEMA.optional, false);
    assert.deepEqual(
      HEARTBEAT_VALUE_SCHEMA.fields?.map((f) => [f.name, f.schema]),
      [['ts_ms', Schemas.INT64]],
    );
  });
});

describe('heartbeatRecord', () => {
  const record = (): SourceRecord => {
    const r = heartbeatRecord({ topic: '__debezium-heartbeat.srv', serverName: 'srv', partition: PARTITION, offset: OFFSET, nowMs: 1_700_000_000_000 });
    assert.ok(r);
    return r;
  };

  it('goes to the heartbeat topic', () => {
    assert.equal(record().topic, '__debezium-heartbeat.srv');
  });

  it('is keyed by the logical server name', () => {
    const r = record();
    assert.equal(r.keySchema, HEARTBEAT_KEY_SCHEMA);
    assert.equal((r.key as Struct).get('serverName'), 'srv');
    assert.equal(payload(r.keySchema, r.key, true), '{"serverName":"srv"}');
  });

  it('carries the time of the beat in ts_ms', () => {
    const r = record();
    assert.equal(r.valueSchema, HEARTBEAT_VALUE_SCHEMA);
    assert.equal((r.value as Struct).get('ts_ms'), 1_700_000_000_000);
    assert.equal(payload(r.valueSchema, r.value, false), '{"ts_ms":1700000000000}');
  });

  it("carries the connector's current partition and offset, so the offset moves on", () => {
    const r = record();
    assert.deepEqual(r.sourcePartition, PARTITION);
    assert.deepEqual(r.sourceOffset, OFFSET);
  });

  it('has no headers and no timestamp', () => {
    const r = record();
    assert.equal(r.headers.size, 0);
    assert.equal(r.timestamp, null);
  });

  it('builds structs that validate against the heartbeat schemas', () => {
    const r = record();
    (r.key as Struct).validate();
    (r.value as Struct).validate();
  });
});

describe('HeartbeatClock', () => {
  it('is off with heartbeat.interval.ms 0 and is then never due', () => {
    const clock = new HeartbeatClock(0);
    assert.equal(clock.enabled, false);
    assert.equal(clock.due(Date.now() + 3_600_000), false);
  });

  it('is on with a positive interval', () => {
    assert.equal(new HeartbeatClock(1000).enabled, true);
  });

  it('is not due before the interval has passed since it started', () => {
    const start = Date.now();
    const clock = new HeartbeatClock(1000);
    assert.equal(clock.due(start), false);
    assert.equal(clock.due(start + 500), false);
    assert.equal(clock.due(start + 999), false);
  });

  it('is due once the interval has passed, then starts over from that beat', () => {
    const clock = new HeartbeatClock(1000);
    const t0 = Date.now() + 5_000;
    assert.equal(clock.due(t0), true);
    assert.equal(clock.due(t0), false);
    assert.equal(clock.due(t0 + 500), false);
    assert.equal(clock.due(t0 + 1_500), true);
    assert.equal(clock.due(t0 + 2_000), false);
  });

  it('reads the wall clock when no time is given', async () => {
    const clock = new HeartbeatClock(20);
    assert.equal(clock.due(), false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(clock.due(), true);
    assert.equal(clock.due(), false);
  });
});
