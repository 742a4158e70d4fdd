import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewriteJson } from './json-rewrite.js';
import { normaliseKey, normaliseValue } from './normalise.js';

const source = (extra: string) =>
  `{"version":"3.2.7.Final","connector":"postgresql","name":"p","ts_ms":1795267151191,"snapshot":"false","db":"d","sequence":"[null,\\"26681456\\"]","ts_us":1795267151191564,"ts_ns":1795267151191564000,"schema":"public","table":"t","txId":741,"lsn":26681456,"xmin":null${extra}}`;

describe('rewriteJson', () => {
  it('keeps every byte it is not told to change, big integers and Java number forms included', () => {
    const text = '{"a":9223372036854775807,"b":-1.7976931348623157E308,"c":"\\uD83D\\uDE00 \\"x\\"","d":[1, 2 ,{"e":null}],"f":-0.0}';
    assert.equal(rewriteJson(text, () => undefined), text);
  });

  it('replaces the scalar at a path and reports paths with array indexes', () => {
    const seen: string[] = [];
    const out = rewriteJson('{"a":[{"b":1},{"b":2}],"b":3}', (path, token) => {
      seen.push(`${path.join('.')}=${token}`);
      return path.join('.') === 'a.1.b' ? '42' : undefined;
    });
    assert.equal(out, '{"a":[{"b":1},{"b":42}],"b":3}');
    assert.deepEqual(seen, ['a.0.b=1', 'a.1.b=2', 'b=3']);
  });

  it('rejects malformed JSON', () => {
    assert.throws(() => rewriteJson('{"a":}', () => undefined), /invalid JSON/);
  });
});

describe('normaliseValue', () => {
  it('replaces clock readings, transaction ids and WAL positions of a change event, and nothing in the row', () => {
    const value = `{"schema":{"name":"p.public.t.Envelope"},"payload":{"before":null,"after":{"ts_ms":5,"lsn":6},"source":${source('')},"transaction":{"id":"741:26681456","total_order":1,"data_collection_order":1},"op":"c","ts_ms":1795267151700,"ts_us":1795267151700015,"ts_ns":1795267151700015370}}`;
    const expected = `{"schema":{"name":"p.public.t.Envelope"},"payload":{"before":null,"after":{"ts_ms":5,"lsn":6},"source":{"version":"3.2.7.Final","connector":"postgresql","name":"p","ts_ms":0,"snapshot":"false","db":"d","sequence":"[null,\\"~\\"]","ts_us":0,"ts_ns":0,"schema":"public","table":"t","txId":0,"lsn":0,"xmin":null},"transaction":{"id":"~:~","total_order":1,"data_collection_order":1},"op":"c","ts_ms":0,"ts_us":0,"ts_ns":0}}`;
    assert.equal(normaliseValue(value), expected);
  });

  it('normalises transaction metadata, heartbeats and unwrapped records by their schema names', () => {
    assert.equal(
      normaliseValue('{"schema":{"name":"io.debezium.connector.common.TransactionMetadataValue"},"payload":{"status":"END","id":"741:1","event_count":1,"ts_ms":17}}'),
      '{"schema":{"name":"io.debezium.connector.common.TransactionMetadataValue"},"payload":{"status":"END","id":"~:~","event_count":1,"ts_ms":0}}',
    );
    assert.equal(
      normaliseValue(
        '{"schema":{"name":"io.debezium.connector.common.TransactionMetadataValue"},"payload":{"data_collections":[{"data_collection":"public.t","event_count":1},{"data_collection":"io.debezium.connector.postgresql.LogicalDecodingMessageMonitor$LogicalDecodingMessageId@13d23e41","event_count":1}]}}',
      ),
      '{"schema":{"name":"io.debezium.connector.common.TransactionMetadataValue"},"payload":{"data_collections":[{"data_collection":"public.t","event_count":1},{"data_collection":"io.debezium.connector.postgresql.LogicalDecodingMessageMonitor$LogicalDecodingMessageId@~","event_count":1}]}}',
    );
    assert.equal(
      normaliseValue('{"schema":{"name":"io.debezium.connector.common.Heartbeat"},"payload":{"ts_ms":17}}'),
      '{"schema":{"name":"io.debezium.connector.common.Heartbeat"},"payload":{"ts_ms":0}}',
    );
    assert.equal(
      normaliseValue('{"schema":{"name":"p.public.t.Value"},"payload":{"id":1,"ts_ms":9,"__op":"c","__source_ts_ms":17,"__deleted":"false"}}'),
      '{"schema":{"name":"p.public.t.Value"},"payload":{"id":1,"ts_ms":9,"__op":"c","__source_ts_ms":0,"__deleted":"false"}}',
    );
    assert.equal(normaliseValue(null), null);
  });

  it('normalises the transaction key only', () => {
    assert.equal(
      normaliseKey('{"schema":{"name":"io.debezium.connector.common.TransactionMetadataKey"},"payload":{"id":"741:1"}}'),
      '{"schema":{"name":"io.debezium.connector.common.TransactionMetadataKey"},"payload":{"id":"~:~"}}',
    );
    const key = '{"schema":{"name":"p.public.t.Key"},"payload":{"id":"741:1"}}';
    assert.equal(normaliseKey(key), key);
  });
});
