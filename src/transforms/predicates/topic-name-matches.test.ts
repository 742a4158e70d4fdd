import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { sinkRecord, sourceRecord } from '../../api/record.js';
import { TOPIC_NAME_MATCHES_CONFIG, TOPIC_NAME_MATCHES_PLUGIN, TopicNameMatches } from './topic-name-matches.js';

function predicate(pattern: string): TopicNameMatches {
  const p = new TopicNameMatches();
  p.configure({ pattern });
  return p;
}

const topic = (name: string) => sourceRecord({ topic: name });

describe('TopicNameMatches', () => {
  it('matches whole topic names (Kafka’s TopicNameMatchesTest)', () => {
    const p = predicate('my-prefix-.*');
    assert.equal(p.test(topic('my-prefix-')), true);
    assert.equal(p.test(topic('my-prefix-foo')), true);
    assert.equal(p.test(topic('x-my-prefix-')), false);
    assert.equal(p.test(topic('x-my-prefix-foo')), false);
    assert.equal(p.test(topic('your-prefix-')), false);
    assert.equal(p.test(topic('your-prefix-foo')), false);
  });

  it('looks only at the topic, whatever the key and value', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const p = predicate('db\\..*');
    assert.equal(p.test(sourceRecord({ topic: 'db.orders', valueSchema: schema, value: new Struct(schema).put('id', 1) })), true);
    assert.equal(p.test(sinkRecord({ topic: 'db.orders', kafkaPartition: 0, kafkaOffset: 0, value: new Map([['id', 1]]) })), true);
  });

  it('validates the pattern as a non-empty Java regex', () => {
    assert.deepEqual(TOPIC_NAME_MATCHES_CONFIG.validate({ pattern: 'my-prefix-.*' })[0]?.errors, []);
    assert.deepEqual(TOPIC_NAME_MATCHES_CONFIG.validate({ pattern: '*' })[0]?.errors, [
      "Invalid value * for configuration pattern: Invalid regex: Dangling meta character '*' near index 0\n*\n^",
    ]);
    assert.deepEqual(TOPIC_NAME_MATCHES_CONFIG.validate({ pattern: '' })[0]?.errors, ['Invalid value  for configuration pattern: String must be non-empty']);
    assert.throws(() => new TopicNameMatches().configure({}), { name: 'ConfigError', message: 'Missing required configuration "pattern" which has no default value.' });
  });

  it('describes itself as Kafka does', () => {
    assert.equal(String(predicate('a.*')), 'TopicNameMatches{pattern=a.*}');
    assert.equal(TOPIC_NAME_MATCHES_PLUGIN.kind, 'predicate');
    assert.equal(TOPIC_NAME_MATCHES_PLUGIN.className, 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches');
    assert.equal(TOPIC_NAME_MATCHES_CONFIG.keys[0]?.doc, "A Java regular expression for matching against the name of a record's topic.");
  });
});
