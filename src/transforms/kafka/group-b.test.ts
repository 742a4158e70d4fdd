import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../api/data/schema.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import { KAFKA_VERSION } from '../util.js';
import { KAFKA_PREDICATES, KAFKA_TRANSFORMS_B } from './group-b.js';

describe('group B plugins', () => {
  it('lists Kafka’s class names at Kafka’s version', () => {
    const prefix = 'org.apache.kafka.connect.transforms.';
    assert.deepEqual(
      KAFKA_TRANSFORMS_B.map((p) => p.className.slice(prefix.length)),
      [
        'RegexRouter',
        'TimestampRouter',
        'TimestampConverter$Key',
        'TimestampConverter$Value',
        'Filter',
        'SetSchemaMetadata$Key',
        'SetSchemaMetadata$Value',
        'InsertHeader',
        'DropHeaders',
        'HeaderFrom$Key',
        'HeaderFrom$Value',
      ],
    );
    assert.deepEqual(
      KAFKA_PREDICATES.map((p) => p.className.slice(`${prefix}predicates.`.length)),
      ['TopicNameMatches', 'HasHeaderKey', 'RecordIsTombstone'],
    );
    for (const plugin of [...KAFKA_TRANSFORMS_B, ...KAFKA_PREDICATES]) {
      assert.equal(plugin.version, KAFKA_VERSION);
      assert.ok(plugin.doc);
    }
    assert.ok(KAFKA_TRANSFORMS_B.every((p) => p.kind === 'transformation'));
    assert.ok(KAFKA_PREDICATES.every((p) => p.kind === 'predicate'));
  });

  it('creates a fresh instance each time', () => {
    for (const plugin of [...KAFKA_TRANSFORMS_B, ...KAFKA_PREDICATES]) assert.notEqual(plugin.create(), plugin.create());
  });

  it('runs a chain: drop tombstones of db.* topics, route, stamp a header', () => {
    const find = (name: string) => {
      const plugin = KAFKA_TRANSFORMS_B.find((p) => p.className.endsWith(name));
      assert.ok(plugin);
      return plugin.create();
    };
    const [tombstone, matches] = [KAFKA_PREDICATES[2]?.create(), KAFKA_PREDICATES[0]?.create()];
    assert.ok(tombstone && matches);
    tombstone.configure({});
    matches.configure({ pattern: 'db\\..*' });
    const filter = find('.Filter');
    filter.configure({});
    const router = find('RegexRouter');
    router.configure({ regex: 'db\\.(.*)', replacement: 'cdc.$1' });
    const header = find('InsertHeader');
    header.configure({ header: 'source', 'value.literal': 'tidewater' });
    const run = (topic: string, value: unknown) => {
      const record = sourceRecord({ topic, value, headers: new Headers() });
      const kept = tombstone.test(record) && matches.test(record) ? filter.apply(record) : record;
      return kept && header.apply(router.apply(kept) ?? kept);
    };
    assert.equal(run('db.orders', null), null);
    const routed = run('db.orders', new Map([['id', 1]]));
    assert.equal(routed?.topic, 'cdc.orders');
    assert.deepEqual(routed?.headers.toArray(), [{ key: 'source', value: 'tidewater', schema: Schemas.STRING }]);
    assert.equal(run('other', null)?.topic, 'other');
  });
});
