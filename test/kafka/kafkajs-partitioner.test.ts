import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message, PartitionMetadata } from 'kafkajs';
import { ConnectError } from '../../src/api/errors.js';
import { javaCompatiblePartitioner } from '../../src/kafka/kafkajs/partitioner.js';

function metadata(count: number, withoutLeader: number[] = []): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    partitionErrorCode: 0,
    leader: withoutLeader.includes(partitionId) ? -1 : 1,
    replicas: [1],
    isr: [1],
  }));
}

function partitioner(options: { stickyBatchBytes?: number; ignoreKeys?: boolean } = {}) {
  const choices = new WeakMap<Message, number>();
  const choose = javaCompatiblePartitioner({ choices, stickyBatchBytes: options.stickyBatchBytes ?? 16_384, ignoreKeys: options.ignoreKeys ?? false })();
  return { choices, choose: (topic: string, partitions: PartitionMetadata[], message: Message) => choose({ topic, partitionMetadata: partitions, message }) };
}

/**
 * Partitions computed by Kafka 3.9.1's Java client for these UTF-8 keys:
 * Utils.toPositive(Utils.murmur2(key)) % n for n = 1, 3, 7, 12, 64 (run against kafka-clients-3.9.1.jar).
 */
const JAVA_PARTITIONS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['', [0, 0, 2, 9, 25]],
  ['a', [0, 1, 5, 4, 60]],
  ['key-1', [0, 0, 5, 0, 56]],
  ['tidewater', [0, 1, 4, 4, 28]],
  ['order:42', [0, 2, 5, 8, 16]],
  ['été', [0, 1, 4, 1, 25]],
  ['0123456789abcdef0123', [0, 1, 5, 4, 32]],
];

describe('kafkajs store: partitioner', () => {
  it('places keyed records where Kafka’s Java producer places them', () => {
    const { choose, choices } = partitioner();
    for (const [key, expected] of JAVA_PARTITIONS) {
      const actual = [1, 3, 7, 12, 64].map((count) => {
        const message: Message = { key: Buffer.from(key, 'utf8'), value: null };
        const partition = choose('t', metadata(count), message);
        assert.equal(choices.get(message), partition);
        return partition;
      });
      assert.deepEqual(actual, expected, `key ${JSON.stringify(key)}`);
    }
  });

  it('keeps an explicit partition and rejects one the topic does not have', () => {
    const { choose } = partitioner();
    assert.equal(choose('t', metadata(3), { key: Buffer.from('a'), value: null, partition: 2 }), 2);
    assert.throws(() => choose('t', metadata(3), { value: null, partition: 3 }), (err) => {
      assert.ok(err instanceof ConnectError);
      assert.equal(err.retriable, false);
      assert.equal(err.message, 'Invalid partition given with record: 3 is not in the range [0...3) of topic t');
      return true;
    });
  });

  it('sticks keyless records to one partition with a leader until batch.size bytes went to it', () => {
    const { choose } = partitioner({ stickyBatchBytes: 100 });
    const partitions = metadata(4, [1]);
    const chosen = Array.from({ length: 10 }, () => choose('t', partitions, { value: Buffer.alloc(40) }));
    // 40-byte records: the first three fill 120 >= 100 bytes, the fourth moves on.
    assert.equal(new Set(chosen.slice(0, 3)).size, 1);
    assert.notEqual(chosen[3], chosen[2]);
    assert.equal(chosen.includes(1), false, 'partition 1 has no leader');
  });

  it('keeps a keyless record’s partition when kafkajs retries it', () => {
    const { choose } = partitioner({ stickyBatchBytes: 1 });
    const message: Message = { value: Buffer.from('x') };
    const first = choose('t', metadata(8), message);
    for (let attempt = 0; attempt < 5; attempt += 1) assert.equal(choose('t', metadata(8), message), first);
  });

  it('treats keys as absent with partitioner.ignore.keys', () => {
    const { choose } = partitioner({ ignoreKeys: true });
    const partitions = metadata(64);
    const chosen = new Set(['a', 'b', 'c', 'd'].map((key) => choose('t', partitions, { key: Buffer.from(key), value: Buffer.from('v') })));
    assert.equal(chosen.size, 1, 'all stick to one partition');
  });
});
