import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withLock } from './lock.js';
import { sleep } from './proc.js';

process.env.TIDEWATER_RUN = mkdtempSync(join(tmpdir(), 'tidewater-lock-test-'));

describe('withLock', () => {
  it('runs holders of the same lock one after the other', async () => {
    const events: string[] = [];
    const holder = (id: string) =>
      withLock('same', async () => {
        events.push(`${id} in`);
        await sleep(50);
        events.push(`${id} out`);
      });
    await Promise.all([holder('a'), holder('b')]);
    assert.deepEqual(events, ['a in', 'a out', 'b in', 'b out']);
  });

  it('breaks a lock whose owner process has died', async () => {
    const dead = spawnSync('true').pid;
    const dir = join(process.env.TIDEWATER_RUN ?? '', 'locks', 'orphan.lock');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'owner'), String(dead));
    assert.equal(await withLock('orphan', async () => 'acquired', 5_000), 'acquired');
  });

  it('gives up after the timeout while a live process holds the lock', async () => {
    const dir = join(process.env.TIDEWATER_RUN ?? '', 'locks', 'held.lock');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'owner'), String(process.ppid));
    await assert.rejects(withLock('held', async () => 'never', 300), /timed out waiting for lock .*held\.lock held by pid/);
  });
});
