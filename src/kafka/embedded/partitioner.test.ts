import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { murmur2, partitionForKey, StickyPartitioner } from './partitioner.js';

describe('partitioner', () => {
  test('murmur2 gives the values of Kafka\'s own UtilsTest', () => {
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    assert.deepEqual(cases.map(([input]) => murmur2(Buffer.from(input))), cases.map(([, expected]) => expected));
  });

  test('keyed records land where kafkajs\'s Java-compatible partitioner puts them', () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer) => number;
    for (let i = 0; i < 500; i++) {
      const key = Buffer.from(`order-${i}-${'x'.repeat(i % 7)}`);
      for (const partitions of [1, 3, 6, 50]) {
        assert.equal(partitionForKey(key, partitions), (kafkajsMurmur2(key) & 0x7fffffff) % partitions, `key ${key.toString()}`);
      }
    }
  });

  test('records without a key stick to a partition for batch.size bytes, then move to another', () => {
    let draws = 0;
    const sticky = new StickyPartitioner({ batchSizeBytes: 1000, random: () => [0.1, 0.1, 0.9][draws++ % 3] as number });
    const chosen = Array.from({ length: 12 }, () => sticky.partition('t', 3, 300));
    // 4 records (1200 bytes) on partition 0, then 0 again is redrawn and moves on to 1, then 2.
    assert.deepEqual(chosen, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });
});
