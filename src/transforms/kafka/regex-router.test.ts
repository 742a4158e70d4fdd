import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { sinkRecord, sourceRecord } from '../../api/record.js';
import { JavaReplacementError } from './java-regex.js';
import { REGEX_ROUTER_CONFIG, REGEX_ROUTER_PLUGIN, RegexRouter } from './regex-router.js';

function router(regex: string, replacement: string): RegexRouter {
  const smt = new RegexRouter();
  smt.configure({ regex, replacement });
  return smt;
}

const route = (regex: string, replacement: string, topic: string): string =>
  router(regex, replacement).apply(sinkRecord({ topic, kafkaPartition: 0, kafkaOffset: 0 })).topic;

describe('RegexRouter', () => {
  it('behaves as in Kafka’s RegexRouterTest', () => {
    assert.equal(route('foo', 'bar', 'foo'), 'bar');
    assert.equal(route('foo', 'bar', 'orig'), 'orig');
    assert.equal(route('(.*)', '$1', 'orig'), 'orig');
    assert.equal(route('(.*)', 'prefix-$1', 'orig'), 'prefix-orig');
    assert.equal(route('(.*)', '$1-suffix', 'orig'), 'orig-suffix');
    assert.equal(route('(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)', '$1', 'index-20160117'), 'index');
  });

  it('routes the documented Debezium topic example', () => {
    assert.equal(route('(.*)customers_shard(.*)', '$1customers_all_shards', 'myserver.mydb.customers_shard1'), 'myserver.mydb.customers_all_shards');
  });

  it('only renames topics matched as a whole', () => {
    assert.equal(route('db', 'x', 'db.orders'), 'db.orders');
    assert.equal(route('db\\..*', 'x', 'db.orders'), 'x');
  });

  it('reads ${name} as a named group reference, as Java does', () => {
    assert.equal(route('db\\.(?<table>.*)', '$1-${table}', 'db.orders'), 'orders-orders');
  });

  it('fails like Java on the seed replacement $1-${timestamp} when the regex has no timestamp group', () => {
    const smt = router('db\\.(.*)', '$1-${timestamp}');
    const record = sourceRecord({ topic: 'db.orders', value: 'v' });
    assert.throws(() => smt.apply(record), new JavaReplacementError('No group with name {timestamp}'));
    // Topics that do not match never use the replacement, so they pass.
    assert.equal(smt.apply(sourceRecord({ topic: 'other' })).topic, 'other');
  });

  it('changes only the topic of schemaful and schemaless records', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const value = new Struct(schema).put('id', 1);
    const struct = sourceRecord({ topic: 'db.orders', valueSchema: schema, value, kafkaPartition: 2, timestamp: 5, sourceOffset: { lsn: 1 } });
    const routed = router('db\\.(.*)', 'cdc.$1').apply(struct);
    assert.deepEqual(routed, { ...struct, topic: 'cdc.orders' });
    const map = sourceRecord({ topic: 'db.orders', value: new Map([['id', 1]]) });
    assert.deepEqual(router('db\\.(.*)', 'cdc.$1').apply(map), { ...map, topic: 'cdc.orders' });
  });

  it('returns the very same record when the topic does not match', () => {
    const record = sourceRecord({ topic: 'orders' });
    assert.equal(router('db\\.(.*)', '$1').apply(record), record);
  });

  it('validates its config with Kafka’s wording', () => {
    assert.throws(() => new RegexRouter().configure({ replacement: 'x' }), { name: 'ConfigError', message: 'Missing required configuration "regex" which has no default value.' });
    assert.throws(() => new RegexRouter().configure({ regex: 'x' }), { name: 'ConfigError', message: 'Missing required configuration "replacement" which has no default value.' });
    const [regex] = REGEX_ROUTER_CONFIG.validate({ regex: '*', replacement: 'x' });
    assert.deepEqual(regex?.errors, ["Invalid value * for configuration regex: Invalid regex: Dangling meta character '*' near index 0\n*\n^"]);
  });

  it('describes itself as Kafka’s plugin', () => {
    assert.equal(REGEX_ROUTER_PLUGIN.className, 'org.apache.kafka.connect.transforms.RegexRouter');
    assert.equal(REGEX_ROUTER_PLUGIN.kind, 'transformation');
    assert.deepEqual(
      REGEX_ROUTER_PLUGIN.config.keys.map((k) => [k.name, k.type, k.importance, k.default, k.doc]),
      [
        ['regex', 'STRING', 'HIGH', undefined, 'Regular expression to use for matching.'],
        ['replacement', 'STRING', 'HIGH', undefined, 'Replacement string.'],
      ],
    );
  });
});
