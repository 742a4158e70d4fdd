import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PgoutputMessage } from './pgoutput-messages.js';
import { col, decodeFixture, loadFixture, shape, t, type DecodedFixture } from './testing/captured.js';

/*
 * Streamed transactions (logical_decoding_work_mem=64kB) as PostgreSQL 15 sends them with protocol 2 and
 * PostgreSQL 18 with protocol 4 / streaming 'parallel'. Each stream is summarised as one line per message
 * (runs of inserts counted) with transaction ids named X0, X1 … after the workload's transactions and S1,
 * S2 … for subtransactions, then the rows are checked one by one.
 */

function summarise(decoded: DecodedFixture): { lines: string[]; rows: Map<string, Array<[string, string]>> } {
  const names = new Map<number, string>(decoded.fixture.facts.xids.map((x, i) => [x, `X${i}`]));
  let subs = 0;
  const name = (xid: number | undefined): string => {
    if (xid === undefined) return '-';
    let n = names.get(xid);
    if (!n) names.set(xid, (n = `S${++subs}`));
    return n;
  };
  const lines: string[] = [];
  const rows = new Map<string, Array<[string, string]>>();
  const describe = (m: PgoutputMessage): string => {
    switch (m.type) {
      case 'stream-start':
        return `stream-start ${name(m.xid)}${m.firstSegment ? ' first' : ''}`;
      case 'stream-abort':
        return `stream-abort ${name(m.xid)} ${name(m.subxid)}${m.abortLsn === undefined ? '' : ' +abort-info'}`;
      case 'stream-commit':
      case 'begin':
        return `${m.type} ${name(m.xid)}`;
      case 'relation':
      case 'insert':
        return `${m.type} ${name(m.xid)}`;
      default:
        return m.type;
    }
  };
  let previous = '';
  let count = 0;
  const flush = () => previous && lines.push(count > 1 ? `${previous} ×${count}` : previous);
  for (const { message } of decoded.data) {
    if (message.type === 'message') continue;
    const line = describe(message);
    if (message.type === 'insert') {
      const list = rows.get(name(message.xid)) ?? [];
      list.push([message.newTuple.text(0) ?? '', message.newTuple.text(1) ?? '']);
      rows.set(name(message.xid), list);
    }
    if (message.type === 'relation') assert.deepEqual(shape(message), { ...shape(message), name: 'bulk', columns: [col('id', 23, -1, true), col('v', 25)] });
    if (line === previous && message.type === 'insert') count++;
    else {
      flush();
      previous = line;
      count = 1;
    }
  }
  flush();
  return { lines, rows };
}

const range = (from: number, to: number, v: (i: number) => string): Array<[string, string]> =>
  Array.from({ length: to - from + 1 }, (_, k) => [String(from + k), v(from + k)]);

/** A streamed block: Stream Start, the Relation in a transaction's first block, inserts, Stream Stop. */
function block(xid: string, inserts: Array<[string, number]>, first = false): string[] {
  return [
    `stream-start ${xid}${first ? ' first' : ''}`,
    ...(first ? [`relation ${xid}`] : []),
    ...inserts.map(([x, n]) => (n > 1 ? `insert ${x} ×${n}` : `insert ${x}`)),
    'stream-stop',
  ];
}

/** The 5000-row transaction: the same blocks on both servers (memory accounting per change is unchanged). */
const committed5000 = [
  ...block('X0', [['X0', 480]], true),
  ...[479, 476, 475, 475, 475, 475, 475, 475, 475, 240].flatMap((n) => block('X0', [['X0', n]])),
  'stream-commit X0',
];

/** The transaction with a rolled-back savepoint: S1 is the savepoint's subtransaction, S2 the one after it. */
const withSavepoint = (abortInfo: boolean) => [
  ...block('X2', [['X2', 490]], true),
  ...block('X2', [['X2', 490]]),
  ...block('X2', [['X2', 220], ['S1', 270]]),
  ...block('X2', [['S1', 490]]),
  `stream-abort X2 S1${abortInfo ? ' +abort-info' : ''}`,
  'stream-start X2',
  'relation S2',
  'insert S2',
  'stream-stop',
  'stream-commit X2',
];

describe('captured streamed transactions', () => {
  it('PostgreSQL 15, protocol 2: committed, aborted, and a subtransaction aborted inside a committed one', () => {
    const { lines, rows } = summarise(decodeFixture(loadFixture('pg15-streamed')));
    assert.deepEqual(lines, [
      ...committed5000,
      ...block('X1', [['X1', 490]], true),
      ...block('X1', [['X1', 490]]),
      ...block('X1', [['X1', 490]]),
      'stream-abort X1 X1',
      ...withSavepoint(false),
    ]);
    assert.deepEqual(rows.get('X0'), range(1, 5000, (i) => `r${i}`));
    assert.deepEqual(rows.get('X1'), range(10001, 11470, () => 'x'));
    assert.deepEqual(rows.get('X2'), range(20001, 21200, () => 's'));
    assert.deepEqual(rows.get('S1'), range(30001, 30760, () => 'y'));
    assert.deepEqual(rows.get('S2'), [['40001', 'kept']]);
  });

  it('PostgreSQL 18, protocol 4 parallel: the backlog\'s aborted transaction is not streamed; aborts carry LSN and time', () => {
    const { lines, rows } = summarise(decodeFixture(loadFixture('pg18-streamed')));
    assert.deepEqual(lines, [...committed5000, ...withSavepoint(true)]);
    assert.deepEqual(rows.get('X0'), range(1, 5000, (i) => `r${i}`));
    assert.equal(rows.get('X1'), undefined);
    assert.deepEqual(rows.get('S1'), range(30001, 30760, () => 'y'));
  });

  for (const major of [15, 18]) {
    it(`PostgreSQL ${major}: a transaction streamed while open, then rolled back`, () => {
      const decoded = decodeFixture(loadFixture(`pg${major}-streamed-abort-live`));
      const { lines, rows } = summarise(decoded);
      // How many blocks went out before the ROLLBACK depends on timing during the capture (at least one).
      const blocks = lines.filter((l) => l.startsWith('stream-start')).length;
      assert.ok(blocks >= 1);
      assert.deepEqual(lines, [
        ...block('X0', [['X0', 490]], true),
        ...Array.from({ length: blocks - 1 }, () => block('X0', [['X0', 490]])).flat(),
        `stream-abort X0 X0${major === 18 ? ' +abort-info' : ''}`,
        'begin X1',
        'relation -',
        'insert -',
        'commit',
      ]);
      assert.deepEqual(rows.get('X0'), range(1, 490 * blocks, () => 'x'));
      assert.deepEqual(rows.get('-'), [['1', 'after']]);
      const insert = decoded.data.find((d) => d.message.type === 'insert' && d.message.xid === undefined)?.message;
      assert.deepEqual(insert && shape(insert), { type: 'insert', xid: undefined, relationId: decoded.fixture.facts.relations['public.bulk'], newTuple: [t('1'), t('after')] });
    });
  }
});
