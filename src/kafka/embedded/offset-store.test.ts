import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { OffsetStore } from './offset-store.js';

const logger = pino({ enabled: false });
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidewater-offsets-'));
  dirs.push(dir);
  return dir;
}

const open = (dataDir: string) => OffsetStore.open({ dataDir, readOnly: false, fsync: false, logger });

describe('group offset store', () => {
  test('a commit written before a crash survives it; a torn last frame is dropped', async () => {
    const dataDir = await freshDir();
    const store = await open(dataDir);
    await store.commit('g', [{ topic: 'a', partition: 0, offset: 5 }, { topic: 'b', partition: 1, offset: 7 }]);
    await store.commit('g', [{ topic: 'a', partition: 0, offset: 6 }]);
    await store.commit('h', [{ topic: 'a', partition: 0, offset: 1 }]);
    await store.deleteGroup('h');
    const image = await freshDir();
    await cp(dataDir, image, { recursive: true });
    await store.close();
    await appendFile(join(image, 'groups', 'offsets.log'), Buffer.from([0, 0, 1, 0, 9, 9]));

    const reopened = await open(image);
    assert.deepEqual(reopened.list('g'), [{ topic: 'a', partition: 0, offset: 6 }, { topic: 'b', partition: 1, offset: 7 }]);
    assert.equal(reopened.hasGroup('h'), false);
    assert.deepEqual(reopened.committed('g', [{ topic: 'b', partition: 1 }, { topic: 'c', partition: 0 }]), [{ topic: 'b', partition: 1, offset: 7 }]);
    await reopened.close();
  });

  test('null offsets remove entries, deleting a topic removes it from every group', async () => {
    const dataDir = await freshDir();
    const store = await open(dataDir);
    await store.commit('g', [{ topic: 'a', partition: 0, offset: 1 }, { topic: 'b', partition: 0, offset: 2 }]);
    await store.commit('h', [{ topic: 'a', partition: 3, offset: 9 }]);
    await store.commit('g', [{ topic: 'b', partition: 0, offset: null }]);
    await store.deleteTopic('a');
    assert.deepEqual([store.list('g'), store.list('h'), store.hasGroup('g')], [[], [], false]);
    await store.close();
    const reopened = await open(dataDir);
    assert.deepEqual([reopened.list('g'), reopened.list('h')], [[], []]);
    await reopened.close();
  });

  test('refuses negative or fractional offsets', async () => {
    const store = await open(await freshDir());
    await assert.rejects(store.commit('g', [{ topic: 'a', partition: 0, offset: -1 }]), /Invalid offset -1 for a-0/);
    await assert.rejects(store.commit('g', [{ topic: 'a', partition: 0, offset: 1.5 }]), /Invalid offset 1.5 for a-0/);
    await store.close();
  });
});
