import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BadRequestError, ConfigError, IllegalStateError, NotFoundError, TidewaterError } from '../../api/errors.js';
import type { ProducedRecord } from '../port.js';
import { EmbeddedTopicStore, type EmbeddedTopicStoreOptions } from './store.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidewater-store-'));
  dirs.push(dir);
  return dir;
}

async function openStore(options: Partial<EmbeddedTopicStoreOptions> = {}): Promise<EmbeddedTopicStore> {
  return EmbeddedTopicStore.open({ dataDir: options.dataDir ?? (await freshDir()), ...options });
}

function rec(topic: string, value: string, fields: Partial<ProducedRecord> = {}): ProducedRecord {
  return { topic, partition: null, key: null, value: Buffer.from(value), headers: [], timestamp: null, ...fields };
}

describe('embedded topic store', () => {
  test('generates a Kafka-style cluster id once and keeps it across restarts', async () => {
    const dataDir = await freshDir();
    const first = await openStore({ dataDir });
    const id = await first.admin().clusterId();
    await first.close();
    assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    assert.match(await readFile(join(dataDir, 'meta.properties'), 'utf8'), new RegExp(`^cluster\\.id=${id}$`, 'm'));
    const second = await openStore({ dataDir });
    assert.equal(await second.admin().clusterId(), id);
    await second.close();
  });

  test('keeps topics, their partition counts, configs and records across restarts', async () => {
    const dataDir = await freshDir();
    const first = await openStore({ dataDir });
    await first.admin().createTopics([{ name: 'orders', partitions: 3, config: { 'retention.ms': '-1' } }]);
    await first.producer({ clientId: 'p' }).send([rec('orders', 'a', { partition: 2 }), rec('orders', 'b', { partition: 2 })]);
    await first.close();
    const second = await openStore({ dataDir });
    assert.deepEqual(await second.admin().describeTopics(['orders']), [{ name: 'orders', partitions: 3 }]);
    assert.deepEqual(JSON.parse(await readFile(join(dataDir, 'topics', 'orders', 'topic.json'), 'utf8')).config, { 'retention.ms': '-1' });
    assert.deepEqual(second.logStats().map((s) => [s.partition, s.logEndOffset]), [[0, 0], [1, 0], [2, 2]]);
    await second.close();
  });

  test('refuses a second open of a directory in use, and takes over the lock of a dead process', async () => {
    const dataDir = await freshDir();
    const first = await openStore({ dataDir });
    await assert.rejects(openStore({ dataDir }), IllegalStateError);
    await first.close();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    await writeFile(join(dataDir, '.lock'), `${dead}\n`);
    const second = await openStore({ dataDir });
    assert.equal((await readFile(join(dataDir, '.lock'), 'utf8')).trim(), String(process.pid));
    await second.close();
    await assert.rejects(stat(join(dataDir, '.lock')), { code: 'ENOENT' });
  });

  test('opens read-only beside a writer, seeing what was written, and refuses to write', async () => {
    const writer = await openStore();
    await writer.producer({ clientId: 'p' }).send([rec('t', 'one'), rec('t', 'two')]);
    const reader = await EmbeddedTopicStore.open({ dataDir: writer.dataDir, readOnly: true });
    const result = await reader.read('t', 0, 0);
    assert.deepEqual(result.kind === 'records' ? result.records.map((r) => r.value?.toString()) : result, ['one', 'two']);
    await assert.rejects(reader.producer({ clientId: 'r' }).send([rec('t', 'three')]));
    await reader.close();
    await writer.close();
    await assert.rejects(EmbeddedTopicStore.open({ dataDir: await freshDir(), readOnly: true }), NotFoundError);
  });

  test('creates a topic on first produce with the default partition count, unless auto-creation is off', async () => {
    const store = await openStore({ defaultPartitions: 3 });
    await store.producer({ clientId: 'p' }).send([rec('auto', 'x')]);
    assert.deepEqual(await store.admin().describeTopics(['auto']), [{ name: 'auto', partitions: 3 }]);
    await store.close();
    const strict = await openStore({ autoCreateTopics: false });
    await assert.rejects(strict.producer({ clientId: 'p' }).send([rec('missing', 'x')]), (err: unknown) => {
      assert.ok(err instanceof TidewaterError);
      assert.deepEqual([err.code, err.retriable, err.message], ['UNKNOWN_TOPIC_OR_PARTITION', true, 'Topic missing not present in metadata']);
      return true;
    });
    assert.deepEqual(await strict.admin().listTopics(), []);
    await strict.close();
  });

  test('rejects illegal topic names, bad topic settings, bad partitions and oversized records', async () => {
    const store = await openStore();
    const admin = store.admin();
    await assert.rejects(admin.createTopics([{ name: 'a/b' }]), new BadRequestError(`Topic name "a/b" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`));
    await assert.rejects(admin.createTopics([{ name: 'x', config: { 'retention.ms': 'soon' } }]), ConfigError.invalid('retention.ms', 'soon', 'Not a number of type LONG'));
    await assert.rejects(admin.createTopics([{ name: 'x', partitions: 0 }]), BadRequestError);
    await admin.createTopics([{ name: 'small', partitions: 2, config: { 'max.message.bytes': '100' } }]);
    const producer = store.producer({ clientId: 'p' });
    await assert.rejects(producer.send([rec('small', 'x', { partition: 2 })]), { code: 'INVALID_PARTITION', message: 'Invalid partition given with record: 2 is not in the range [0...2).' });
    await assert.rejects(producer.send([rec('small', 'ok', { partition: 0 }), rec('small', 'y'.repeat(100), { partition: 0 })]), { code: 'RECORD_TOO_LARGE' });
    assert.deepEqual(await admin.endOffsets([{ topic: 'small', partition: 0 }]), [{ topic: 'small', partition: 0, offset: 0 }], 'nothing of a rejected send is written');
    await store.close();
  });

  test('sends queued without waiting keep their call order, even behind a topic creation', async () => {
    const store = await openStore();
    const producer = store.producer({ clientId: 'p' });
    const sends = [producer.send([rec('new', 'a', { partition: 0 })]), producer.send([rec('new', 'b', { partition: 0 }), rec('new', 'c', { partition: 0 })]), producer.send([rec('new', 'd', { partition: 0 })])];
    const results = await Promise.all(sends);
    assert.deepEqual(results.map((r) => r.map((x) => x.offset)), [[0], [1, 2], [3]]);
    await producer.flush();
    await producer.close();
    await assert.rejects(producer.send([rec('new', 'e')]), IllegalStateError);
    await store.close();
  });

  test('spreads records without a key over the partitions, a batch.size worth at a time', async () => {
    const store = await openStore();
    await store.admin().createTopics([{ name: 'spread', partitions: 4 }]);
    const producer = store.producer({ clientId: 'p', settings: { 'batch.size': '1000' } });
    const used = new Set<number>();
    for (let i = 0; i < 20; i++) for (const r of await producer.send(Array.from({ length: 10 }, () => rec('spread', 'z'.repeat(100))))) used.add(r.partition);
    assert.ok(used.size > 1, `all records went to partition ${[...used].join()}`);
    await store.close();
  });

  test('deleting a topic forgets the groups\' offsets for it; a topic of the same name starts afresh', async () => {
    const store = await openStore();
    const admin = store.admin();
    await store.producer({ clientId: 'p' }).send([rec('gone', 'a'), rec('gone', 'b')]);
    await admin.alterGroupOffsets('g', [{ topic: 'gone', partition: 0, offset: 2 }]);
    await admin.deleteTopics(['gone']);
    assert.deepEqual(await admin.listGroupOffsets('g'), []);
    await assert.rejects(admin.deleteTopics(['gone']), NotFoundError);
    await admin.createTopics([{ name: 'gone' }]);
    assert.deepEqual(await admin.endOffsets([{ topic: 'gone', partition: 0 }]), [{ topic: 'gone', partition: 0, offset: 0 }]);
    await store.close();
  });

  test('admin errors: unknown topics, unknown groups, offsets of unknown partitions', async () => {
    const store = await openStore();
    const admin = store.admin();
    await assert.rejects(admin.describeTopics(['nope']), NotFoundError);
    await assert.rejects(admin.endOffsets([{ topic: 'nope', partition: 0 }]), NotFoundError);
    await assert.rejects(admin.deleteGroup('nobody'), NotFoundError);
    await assert.rejects(admin.alterGroupOffsets('g', [{ topic: 'nope', partition: 0, offset: 1 }]), NotFoundError);
    assert.deepEqual(await admin.listGroupOffsets('nobody'), []);
    await admin.close();
    await assert.rejects(admin.listTopics(), IllegalStateError);
    await store.close();
  });

  test('keeps committed offsets across restarts in a compacted log', async () => {
    const dataDir = await freshDir();
    const first = await openStore({ dataDir });
    await first.admin().createTopics([{ name: 't', partitions: 2 }]);
    for (let i = 1; i <= 200; i++) await first.admin().alterGroupOffsets('g', [{ topic: 't', partition: 0, offset: i }, { topic: 't', partition: 1, offset: i * 2 }]);
    await first.admin().alterGroupOffsets('other', [{ topic: 't', partition: 1, offset: 5 }]);
    await first.close();
    const second = await openStore({ dataDir });
    assert.deepEqual(await second.admin().listGroupOffsets('g'), [{ topic: 't', partition: 0, offset: 200 }, { topic: 't', partition: 1, offset: 400 }]);
    assert.deepEqual(await second.admin().listGroupOffsets('other'), [{ topic: 't', partition: 1, offset: 5 }]);
    assert.ok((await stat(join(dataDir, 'groups', 'offsets.log'))).size < 200, 'the offsets log is compacted on open');
    await second.close();
  });

  test('deletes expired segments on its own timer, and beginning offsets follow', async () => {
    const store = await openStore({ retentionCheckIntervalMs: 20, log: { segmentBytes: 100 } });
    await store.admin().createTopics([{ name: 'short', config: { 'retention.bytes': '0' } }]);
    const producer = store.producer({ clientId: 'p' });
    for (let i = 0; i < 5; i++) await producer.send([rec('short', `record-${i}`)]);
    const deadline = Date.now() + 10_000;
    let start = 0;
    while (start < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      start = (await store.admin().beginningOffsets([{ topic: 'short', partition: 0 }]))[0]?.offset ?? 0;
    }
    assert.equal(start, 4);
    await store.close();
  });

  test('closes itself when its abort signal fires', async () => {
    const controller = new AbortController();
    const dataDir = await freshDir();
    const store = await openStore({ dataDir, signal: controller.signal });
    controller.abort();
    await store.close();
    const again = await openStore({ dataDir });
    await again.close();
  });
});
