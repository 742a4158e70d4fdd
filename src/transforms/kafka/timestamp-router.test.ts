import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectError, DataError } from '../../api/errors.js';
import { Headers } from '../../api/headers.js';
import { sinkRecord, sourceRecord } from '../../api/record.js';
import { TIMESTAMP_ROUTER_PLUGIN, TimestampRouter } from './timestamp-router.js';

function router(config: Record<string, string> = {}): TimestampRouter {
  const smt = new TimestampRouter();
  smt.configure(config);
  return smt;
}

describe('TimestampRouter', () => {
  it('appends the UTC day with the defaults, as in Kafka’s TimestampRouterTest', () => {
    assert.equal(router().apply(sourceRecord({ topic: 'test', kafkaPartition: 0, timestamp: 1483425001864 })).topic, 'test-20170103');
  });

  it('uses topic.format and a SimpleDateFormat timestamp.format', () => {
    const smt = router({ 'topic.format': 'logs_${timestamp}_${topic}', 'timestamp.format': "yyyy-MM-dd'T'HH" });
    assert.equal(smt.apply(sourceRecord({ topic: 'app', timestamp: Date.UTC(2021, 2, 7, 23, 59) })).topic, 'logs_2021-03-07T23_app');
  });

  it('replaces every placeholder occurrence, the topic first', () => {
    const smt = router({ 'topic.format': '${topic}/${topic}/${timestamp}', 'timestamp.format': 'yyyy' });
    assert.equal(smt.apply(sourceRecord({ topic: 't', timestamp: 0 })).topic, 't/t/1970');
  });

  it('changes only the topic of schemaless and sink records', () => {
    const record = sinkRecord({ topic: 't', kafkaPartition: 1, kafkaOffset: 7, value: new Map([['a', 1]]), timestamp: 0 });
    assert.deepEqual(router().apply(record), { ...record, topic: 't-19700101' });
  });

  it('fails with Kafka’s message when the record has no timestamp', () => {
    const record = sourceRecord({ topic: 't', kafkaPartition: 0, key: 'k', value: new Map([['a', 1]]), headers: new Headers().add('h', 'v') });
    assert.throws(
      () => router().apply(record),
      new DataError(
        "Timestamp missing on record: SourceRecord{sourcePartition=null, sourceOffset=null} ConnectRecord{topic='t', kafkaPartition=0, key=k, keySchema=null, value={a=1}, valueSchema=null, timestamp=null, headers=ConnectHeaders(headers=[ConnectHeader(key=h, value=v, schema=null)])}",
      ),
    );
  });

  it('fails on the first record, not at configure, for an invalid timestamp.format (as Kafka)', () => {
    const smt = router({ 'timestamp.format': 'bad-format' });
    assert.throws(() => smt.apply(sourceRecord({ topic: 't', timestamp: 0 })), new ConnectError("Illegal pattern character 'b'"));
  });

  it('declares Kafka’s config', () => {
    assert.equal(TIMESTAMP_ROUTER_PLUGIN.className, 'org.apache.kafka.connect.transforms.TimestampRouter');
    assert.deepEqual(
      TIMESTAMP_ROUTER_PLUGIN.config.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [
        ['topic.format', 'STRING', '${topic}-${timestamp}', 'HIGH'],
        ['timestamp.format', 'STRING', 'yyyyMMdd', 'HIGH'],
      ],
    );
  });
});
