import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileOffsetStore } from './offset-store.js';

describe('FileOffsetStore', () => {
  it('keeps offsets per connector and partition across restarts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'offsets-')), 'connect.offsets');
    const first = new FileOffsetStore(file);
    await first.start();
    await first.set('files', [{ partition: { filename: '/a' }, offset: { position: 42 } }]);
    await first.set('other', [{ partition: { filename: '/a' }, offset: { position: 7 } }]);
    await first.stop();

    const second = new FileOffsetStore(file);
    await second.start();
    assert.deepEqual(second.get('files', { filename: '/a' }), { position: 42 });
    assert.deepEqual(second.get('other', { filename: '/a' }), { position: 7 });
    assert.equal(second.get('files', { filename: '/b' }), null);
    assert.deepEqual(second.list('files'), [{ connector: 'files', partition: { filename: '/a' }, offset: { position: 42 } }]);
  });

  it('removes an offset written as null', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'offsets-')), 'connect.offsets');
    const store = new FileOffsetStore(file);
    await store.start();
    await store.set('files', [{ partition: { filename: '/a' }, offset: { position: 1 } }]);
    await store.set('files', [{ partition: { filename: '/a' }, offset: null }]);
    assert.equal(store.get('files', { filename: '/a' }), null);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), []);
  });
});
