/**
 * The consumer-group half of the TopicStore conformance suite (see topic-store.conformance.ts): partition
 * assignment and rebalancing, committed offsets, seek, pause/resume, pattern subscriptions and the admin
 * operations on groups.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConsumedRecord } from '../../src/kafka/port.js';
import {
  bytes,
  eventually,
  pollAllUntil,
  pollUntil,
  pollUntilAssigned,
  quietListener,
  record,
  recordingListener,
  sortedKeys,
  text,
  tpKey,
  uniqueName,
} from './helpers.js';
import type { ConformanceContext } from './topic-store.conformance.js';

export function describeGroupConformance(context: ConformanceContext): void {
  const { timeoutMs } = context;

  describe('consumer groups', () => {
    test('members split the partitions, each reads only its own, and a leaving member hands its share back', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('split', 4);
      const group = uniqueName('split-group');
      const all = [0, 1, 2, 3].map((partition) => tpKey({ topic, partition }));
      const a = context.consumer(group);
      const aEvents = recordingListener();
      await a.subscribe({ topics: [topic] }, aEvents.listener);
      await pollUntilAssigned(a, 4, timeoutMs);

      const b = context.consumer(group);
      const bEvents = recordingListener();
      await b.subscribe({ topics: [topic] }, bEvents.listener);
      await pollAllUntil([a, b], () => a.assignment().length === 2 && b.assignment().length === 2, timeoutMs, 'a 2 + 2 split');
      assert.deepEqual([...sortedKeys(a.assignment()), ...sortedKeys(b.assignment())].sort(), all);
      // Every partition a member holds was announced by onAssigned, and nothing it gave up is still held.
      assert.deepEqual(held(aEvents.events), sortedKeys(a.assignment()));
      assert.deepEqual(held(bEvents.events), sortedKeys(b.assignment()));

      await context.producer().send([0, 1, 2, 3].flatMap((partition) => [0, 1, 2, 3, 4].map((i) => record(topic, { partition, value: bytes(`p${partition}-${i}`) }))));
      const [fromA, fromB] = await pollAllUntil([a, b], (r) => r[0]!.length + r[1]!.length >= 20, timeoutMs, '20 records across both members');
      const mine = (records: ConsumedRecord[], owned: string[]) => records.every((r) => owned.includes(tpKey(r)));
      assert.ok(mine(fromA!, sortedKeys(a.assignment())), 'member A received a record of a partition it does not own');
      assert.ok(mine(fromB!, sortedKeys(b.assignment())), 'member B received a record of a partition it does not own');
      assert.equal(fromA!.length + fromB!.length, 20);

      const bHeld = sortedKeys(b.assignment());
      await b.close();
      assert.deepEqual(bEvents.events.at(-1), { kind: 'revoked', partitions: bHeld });
      await pollUntil(a, () => a.assignment().length === 4, timeoutMs, 'the remaining member to hold all 4 partitions');
      assert.deepEqual(sortedKeys(a.assignment()), all);
      assert.deepEqual(held(aEvents.events), all);
    });

    test('committed offsets survive a consumer restart', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('restart', 1);
      const group = uniqueName('restart-group');
      await context.producer().send(Array.from({ length: 10 }, (_, i) => record(topic, { partition: 0, value: bytes(`m${i}`) })));
      const first = context.consumer(group);
      await first.subscribe({ topics: [topic] }, quietListener);
      const firstRead = await pollUntil(first, (r) => r.length >= 10, timeoutMs, '10 records');
      assert.deepEqual(firstRead.map((r) => r.offset), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await first.commit([{ topic, partition: 0, offset: 6 }]);
      assert.deepEqual(await first.committed([{ topic, partition: 0 }]), [{ topic, partition: 0, offset: 6 }]);
      await first.close();

      const second = context.consumer(group);
      await second.subscribe({ topics: [topic] }, quietListener);
      const secondRead = await pollUntil(second, (r) => r.length >= 4, timeoutMs, 'the 4 uncommitted records');
      assert.deepEqual(secondRead.map((r) => [r.offset, text(r.value)]), [[6, 'm6'], [7, 'm7'], [8, 'm8'], [9, 'm9']]);
      const listed = await context.admin().listGroupOffsets(group);
      assert.deepEqual(listed.filter((o) => o.topic === topic), [{ topic, partition: 0, offset: 6 }]);
    });

    test('committed() is empty for a partition the group never committed', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('never', 1);
      const consumer = context.consumer(uniqueName('never-group'));
      await consumer.subscribe({ topics: [topic] }, quietListener);
      await pollUntilAssigned(consumer, 1, timeoutMs);
      assert.deepEqual(await consumer.committed([{ topic, partition: 0 }]), []);
    });

    test('seek moves the read position of an assigned partition', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('seek', 1);
      await context.producer().send(Array.from({ length: 10 }, (_, i) => record(topic, { partition: 0, value: bytes(`m${i}`) })));
      const consumer = context.consumer(uniqueName('seek-group'));
      await consumer.subscribe({ topics: [topic] }, quietListener);
      await pollUntil(consumer, (r) => r.length >= 10, timeoutMs, 'all 10 records');
      consumer.seek({ topic, partition: 0, offset: 3 });
      const again = await pollUntil(consumer, (r) => r.length >= 7, timeoutMs, '7 records after seeking to 3');
      assert.deepEqual(again.map((r) => r.offset), [3, 4, 5, 6, 7, 8, 9]);
    });

    test('a paused partition returns nothing until it is resumed', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('pause', 2);
      const consumer = context.consumer(uniqueName('pause-group'));
      await consumer.subscribe({ topics: [topic] }, quietListener);
      await pollUntilAssigned(consumer, 2, timeoutMs);
      await consumer.poll(100);
      consumer.pause([{ topic, partition: 0 }]);
      await context.producer().send([0, 1].flatMap((partition) => [0, 1, 2, 3, 4].map((i) => record(topic, { partition, value: bytes(`p${partition}-${i}`) }))));
      const whilePaused = await pollUntil(consumer, (r) => r.filter((x) => x.partition === 1).length >= 5, timeoutMs, 'the 5 records of the unpaused partition');
      // A few more polls give a paused partition every chance to leak.
      for (let i = 0; i < 4; i++) whilePaused.push(...(await consumer.poll(250)));
      assert.deepEqual(whilePaused.map((r) => [r.partition, r.offset]), [0, 1, 2, 3, 4].map((o) => [1, o]));
      consumer.resume([{ topic, partition: 0 }]);
      const afterResume = await pollUntil(consumer, (r) => r.length >= 5, timeoutMs, 'the 5 records of the resumed partition');
      assert.deepEqual(afterResume.map((r) => [r.partition, r.offset, text(r.value)]), [0, 1, 2, 3, 4].map((o) => [0, o, `p0-${o}`]));
    });

    test('a pattern subscription picks up a matching topic created later', async (t) => {
      t.after(context.closeClients);
      const prefix = uniqueName('pattern');
      const admin = context.admin();
      const first = `${prefix}-a`;
      const later = `${prefix}-b`;
      await admin.createTopics([{ name: first, partitions: 1, replicationFactor: 1 }]);
      await eventually(async () => (await admin.listTopics()).includes(first), timeoutMs, `topic ${first} to be listed`);
      const consumer = context.consumer(uniqueName('pattern-group'));
      const events = recordingListener();
      await consumer.subscribe({ pattern: new RegExp(`^${prefix}-.*$`) }, events.listener);
      await pollUntilAssigned(consumer, 1, timeoutMs);
      assert.deepEqual(sortedKeys(consumer.assignment()), [tpKey({ topic: first, partition: 0 })]);

      await admin.createTopics([{ name: later, partitions: 1, replicationFactor: 1 }]);
      await eventually(async () => (await admin.listTopics()).includes(later), timeoutMs, `topic ${later} to be listed`);
      const producer = context.producer();
      await producer.send([record(first, { partition: 0, value: bytes('in a') }), record(later, { partition: 0, value: bytes('in b') })]);
      const received = await pollUntil(consumer, (r) => new Set(r.map((x) => x.topic)).size === 2, timeoutMs, 'records from both matching topics');
      assert.deepEqual(received.map((r) => [r.topic, text(r.value)]).sort(), [[first, 'in a'], [later, 'in b']]);
      assert.deepEqual(sortedKeys(consumer.assignment()), [tpKey({ topic: first, partition: 0 }), tpKey({ topic: later, partition: 0 })]);
    });

    test('group offsets can be altered and the group deleted only while it has no members', async (t) => {
      t.after(context.closeClients);
      const topic = await context.createTopic('alter', 1);
      const group = uniqueName('alter-group');
      const admin = context.admin();
      await context.producer().send([0, 1, 2].map((i) => record(topic, { partition: 0, value: bytes(`m${i}`) })));
      const consumer = context.consumer(group);
      await consumer.subscribe({ topics: [topic] }, quietListener);
      await pollUntil(consumer, (r) => r.length >= 3, timeoutMs, '3 records');
      await consumer.commit([{ topic, partition: 0, offset: 1 }]);
      await assert.rejects(admin.alterGroupOffsets(group, [{ topic, partition: 0, offset: 2 }]));
      await assert.rejects(admin.deleteGroup(group));
      await consumer.close();

      await eventually(
        () => admin.alterGroupOffsets(group, [{ topic, partition: 0, offset: 2 }]).then(() => true, () => false),
        timeoutMs,
        'the emptied group to accept altered offsets',
      );
      assert.deepEqual(await admin.listGroupOffsets(group), [{ topic, partition: 0, offset: 2 }]);
      await admin.alterGroupOffsets(group, [{ topic, partition: 0, offset: null }]);
      assert.deepEqual(await admin.listGroupOffsets(group), []);
      await admin.alterGroupOffsets(group, [{ topic, partition: 0, offset: 1 }]);
      await admin.deleteGroup(group);
      assert.deepEqual(await admin.listGroupOffsets(group), []);
    });
  });
}

/** The partitions a listener's calls say the member holds now: the last onAssigned, unless revoked since. */
function held(events: ReadonlyArray<{ kind: 'assigned' | 'revoked'; partitions: string[] }>): string[] {
  let owned: string[] = [];
  for (const event of events) {
    if (event.kind === 'assigned') owned = [...new Set([...owned, ...event.partitions])].sort();
    else owned = owned.filter((p) => !event.partitions.includes(p));
  }
  return owned;
}
