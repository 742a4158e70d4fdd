import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCaptures } from './compare.js';
import type { FixtureRecord } from './fixture-format.js';

const record = (topic: string, offset: number, value: string | null, key: string | null = '{"id":1}'): FixtureRecord => ({
  topic,
  partition: 0,
  offset,
  headers: [],
  key,
  value,
});

const END = (collections: string[]) =>
  `{"schema":{},"payload":{"status":"END","data_collections":[${collections.map((c) => `{"data_collection":"${c}","event_count":1}`).join(',')}]}}`;
const MESSAGE = 'io.debezium.connector.postgresql.LogicalDecodingMessageMonitor$LogicalDecodingMessageId@~';

describe('compareCaptures', () => {
  it('accepts identical captures and reports a differing value', () => {
    const expected = [record('p.public.t', 0, '{"a":1}'), record('p.public.t', 1, null)];
    assert.deepEqual(compareCaptures(expected, expected), []);
    const problems = compareCaptures(expected, [record('p.public.t', 0, '{"a":2}'), record('p.public.t', 1, null)]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /p\.public\.t record 0/);
  });

  it('reports missing and extra records', () => {
    const expected = [record('p.public.t', 0, '{"a":1}')];
    assert.equal(compareCaptures(expected, []).length, 1);
    assert.equal(compareCaptures([], expected).length, 1);
  });

  it('checks heartbeats by shape, not by count', () => {
    const hb = (offset: number) => record('__debezium-heartbeat.p', offset, '{"payload":{"ts_ms":0}}', '{"payload":{"serverName":"p"}}');
    assert.deepEqual(compareCaptures([hb(0), hb(1), hb(2)], [hb(0)]), []);
    assert.equal(compareCaptures([hb(0)], []).length, 1);
  });

  it('ignores where a logical message sits in an END record', () => {
    const expected = [record('p.transaction', 0, END(['public.t', MESSAGE]))];
    assert.deepEqual(compareCaptures(expected, [record('p.transaction', 0, END([MESSAGE, 'public.t']))]), []);
    assert.equal(compareCaptures(expected, [record('p.transaction', 0, END([MESSAGE, 'public.u']))]).length, 1);
  });
});
