import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { EmbeddedTopicStore } from '../kafka/embedded/index.js';
import type { ProducedRecord } from '../kafka/port.js';
import { runTopicsCommand, TOPICS_USAGE } from './topics.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(dataDir: string, argv: string[]): Promise<{ code: number; out: string }> {
  const out = capture();
  const code = await runTopicsCommand(argv, { dataDir, out: out.stream });
  return { code, out: out.text() };
}

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

function rec(partition: number, i: number, fields: Partial<ProducedRecord> = {}): ProducedRecord {
  return { topic: 'orders', partition, key: Buffer.from(`k${i}`), value: Buffer.from(`{"id":${i}}`), headers: [], timestamp: T0 + i * 1000, ...fields };
}

describe('tidewater topics', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidewater-cli-topics-'));
    const store = await EmbeddedTopicStore.open({ dataDir });
    await store.admin().createTopics([{ name: 'orders', partitions: 2 }, { name: 'empty' }]);
    await store.producer({ clientId: 'cli-test' }).send([
      rec(0, 0, { headers: [{ key: 'trace', value: Buffer.from('abc') }, { key: 'bin', value: Buffer.from([0, 1, 255]) }, { key: 'none', value: null }] }),
      rec(0, 1, { key: null, value: null }),
      rec(0, 2, { value: Buffer.from('two\nlines') }),
      rec(1, 3),
      ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((i) => rec(1, i)),
    ]);
    await store.close();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('list prints every partition with its offsets and size', async () => {
    const { code, out } = await run(dataDir, ['list']);
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        'TOPIC   PARTITION  BEGINNING  END  SIZE',
        'empty   0          0          0    0',
        'orders  0          0          3    177',
        'orders  1          0          12   586',
        '',
      ].join('\n'),
    );
  });

  test('tail --from-beginning prints records as text when printable, base64 otherwise, null as null', async () => {
    const { code, out } = await run(dataDir, ['tail', 'orders', '--from-beginning', '--partition', '0']);
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        'partition=0  offset=0  timestamp=2024-05-01T12:00:00.000Z  key=k0  value={"id":0}  headers=trace=abc,bin=base64:AAH/,none=null',
        'partition=0  offset=1  timestamp=2024-05-01T12:00:01.000Z  key=null  value=null  headers=',
        'partition=0  offset=2  timestamp=2024-05-01T12:00:02.000Z  key=k2  value=base64:dHdvCmxpbmVz  headers=',
        '',
      ].join('\n'),
    );
  });

  test('tail without --from-beginning prints the last --max records of each partition', async () => {
    const { out } = await run(dataDir, ['tail', 'orders', '--max', '2']);
    assert.deepEqual(
      out.trimEnd().split('\n').map((line) => line.split('  ').slice(0, 2).join(' ')),
      ['partition=0 offset=1', 'partition=0 offset=2', 'partition=1 offset=10', 'partition=1 offset=11'],
    );
    const defaults = await run(dataDir, ['tail', 'orders', '--partition', '1']);
    assert.equal(defaults.out.trimEnd().split('\n').length, 10);
    assert.match(defaults.out, /^partition=1 {2}offset=2 {2}/);
  });

  test('tail --from-beginning --max stops after that many records across partitions', async () => {
    const { out } = await run(dataDir, ['tail', 'orders', '--from-beginning', '--max', '4']);
    assert.deepEqual(
      out.trimEnd().split('\n').map((line) => line.split('  ').slice(0, 2).join(' ')),
      ['partition=0 offset=0', 'partition=0 offset=1', 'partition=0 offset=2', 'partition=1 offset=0'],
    );
  });

  test('reports unknown topics, partitions and stores, and bad usage', async () => {
    assert.deepEqual(await run(dataDir, ['tail', 'nope']), { code: 1, out: 'tidewater topics: Unknown topic nope\n' });
    assert.deepEqual(await run(dataDir, ['tail', 'orders', '--partition', '7']), { code: 1, out: 'tidewater topics: Topic orders has no partition 7\n' });
    const missing = join(dataDir, 'does-not-exist');
    assert.deepEqual(await run(missing, ['list']), { code: 1, out: `tidewater topics: No embedded topic store at ${missing}\n` });
    assert.deepEqual(await run(dataDir, ['tail']), { code: 2, out: `tidewater topics: tail needs a topic\n\n${TOPICS_USAGE}` });
    assert.deepEqual(await run(dataDir, ['tail', 'orders', '--max', 'lots']), { code: 2, out: `tidewater topics: --max must be a whole number, got "lots"\n\n${TOPICS_USAGE}` });
    assert.deepEqual(await run(dataDir, ['frobnicate']), { code: 2, out: `tidewater topics: unknown topics command "frobnicate"\n\n${TOPICS_USAGE}` });
    assert.deepEqual(await run(dataDir, ['help']), { code: 0, out: TOPICS_USAGE });
  });
});
