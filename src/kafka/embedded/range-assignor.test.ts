import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rangeAssign } from './range-assignor.js';
import { fullMatch, subscribedTopics } from './group-coordinator.js';

const keys = (assignment: Map<string, Array<{ topic: string; partition: number }>>) =>
  Object.fromEntries([...assignment].map(([member, parts]) => [member, parts.map((p) => `${p.topic}-${p.partition}`)]));

describe('range assignor', () => {
  test('gives each member a contiguous range per topic, the first members one extra', () => {
    const members = [
      { memberId: 'c-2', topics: new Set(['t', 'u']) },
      { memberId: 'c-1', topics: new Set(['t', 'u']) },
    ];
    assert.deepEqual(keys(rangeAssign(members, new Map([['t', 5], ['u', 1]]))), {
      'c-2': ['t-3', 't-4'],
      'c-1': ['t-0', 't-1', 't-2', 'u-0'],
    });
  });

  test('assigns a topic only among the members subscribed to it', () => {
    const members = [
      { memberId: 'a', topics: new Set(['t']) },
      { memberId: 'b', topics: new Set(['t', 'only-b']) },
      { memberId: 'c', topics: new Set<string>() },
    ];
    assert.deepEqual(keys(rangeAssign(members, new Map([['t', 2], ['only-b', 2], ['nobody', 3]]))), {
      a: ['t-0'],
      b: ['only-b-0', 'only-b-1', 't-1'],
      c: [],
    });
  });

  test('subscriptions resolve against existing topics; patterns match whole names', () => {
    const topics = ['orders', 'orders-eu', 'refunds'];
    assert.deepEqual([...subscribedTopics({ topics: ['orders', 'missing'] }, topics)], ['orders']);
    assert.deepEqual([...subscribedTopics({ pattern: /orders.*/ }, topics)], ['orders', 'orders-eu']);
    assert.deepEqual([...subscribedTopics({ pattern: /ders/ }, topics)], []);
    assert.equal(fullMatch(/a|b/gi).source, '^(?:a|b)$');
    assert.equal(fullMatch(/a|b/gi).flags, 'i');
  });
});
