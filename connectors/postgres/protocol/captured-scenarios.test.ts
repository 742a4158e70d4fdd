import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NUL, TOAST, b, col, decodeFixture, loadFixture, shapes, t, type DecodedFixture, type Shape } from './testing/captured.js';

/*
 * The exact decoded content of every captured scenario, on PostgreSQL 15 (protocol 1, or 2 when streaming)
 * and 18 (protocol 4, streaming 'parallel'). Positions and clocks are checked in captured-invariants.test.ts;
 * oids and xids come from the fixture's facts, recorded from the server at capture time.
 */

const begin = (xid: number): Shape => ({ type: 'begin', xid });
const COMMIT: Shape = { type: 'commit', flags: 0 };
const TS = '2024-01-02 03:04:05.678901+00';
const BODY = '0123456789'.repeat(300);

function scenario(name: string, expected: (d: DecodedFixture, rel: (n: string) => number, xid: (i: number) => number) => Shape[]): void {
  for (const major of [15, 18]) {
    it(`${name} on PostgreSQL ${major}`, () => {
      const decoded = decodeFixture(loadFixture(`pg${major}-${name}`));
      const { facts } = decoded.fixture;
      const rel = (n: string) => facts.relations[n] ?? assert.fail(`no oid for ${n}`);
      const xid = (i: number) => facts.xids[i] ?? assert.fail(`no xid ${i}`);
      assert.deepEqual(shapes(decoded), expected(decoded, rel, xid));
    });
  }
}

describe('captured pgoutput streams decode to exactly what the workload did', () => {
  scenario('dml-default', (_, rel, xid) => {
    const id = rel('public.customers');
    const ann = [t('1'), t('Ann'), t('ann@example.com'), t('12.50'), t('{a,b}'), t(TS)];
    return [
      begin(xid(0)),
      {
        type: 'relation', xid: undefined, relationId: id, namespace: 'public', name: 'customers', replicaIdentity: 'default',
        columns: [col('id', 23, -1, true), col('name', 25), col('email', 25), col('balance', 1700, (10 << 16) + 2 + 4), col('tags', 1009), col('created', 1184)],
      },
      { type: 'insert', xid: undefined, relationId: id, newTuple: ann },
      { type: 'insert', xid: undefined, relationId: id, newTuple: [t('2'), t('Bob'), NUL, NUL, NUL, NUL] },
      COMMIT,
      begin(xid(1)),
      // An update that keeps the key sends neither the old key nor the old row.
      { type: 'update', xid: undefined, relationId: id, oldKey: undefined, oldTuple: undefined, newTuple: [t('1'), t('Ann B'), t('ann@example.com'), t('-0.01'), t('{a,b}'), t(TS)] },
      COMMIT,
      begin(xid(2)),
      // Changing the key sends the old key ('K'): key columns set, the others null.
      { type: 'update', xid: undefined, relationId: id, oldKey: [t('2'), NUL, NUL, NUL, NUL, NUL], oldTuple: undefined, newTuple: [t('20'), t('Bob'), NUL, NUL, NUL, NUL] },
      COMMIT,
      begin(xid(3)),
      { type: 'delete', xid: undefined, relationId: id, oldKey: [t('20'), NUL, NUL, NUL, NUL, NUL], oldTuple: undefined },
      COMMIT,
    ];
  });

  scenario('dml-full', (_, rel, xid) => {
    const id = rel('public.accounts');
    return [
      begin(xid(0)),
      {
        type: 'relation', xid: undefined, relationId: id, namespace: 'public', name: 'accounts', replicaIdentity: 'full',
        columns: [col('id', 23, -1, true), col('owner', 25, -1, true), col('amount', 23, -1, true)],
      },
      { type: 'insert', xid: undefined, relationId: id, newTuple: [t('1'), t('ann'), t('100')] },
      COMMIT,
      begin(xid(1)),
      { type: 'update', xid: undefined, relationId: id, oldKey: undefined, oldTuple: [t('1'), t('ann'), t('100')], newTuple: [t('1'), t('ann'), t('150')] },
      COMMIT,
      begin(xid(2)),
      { type: 'update', xid: undefined, relationId: id, oldKey: undefined, oldTuple: [t('1'), t('ann'), t('150')], newTuple: [t('2'), NUL, t('150')] },
      COMMIT,
      begin(xid(3)),
      { type: 'delete', xid: undefined, relationId: id, oldKey: undefined, oldTuple: [t('2'), NUL, t('150')] },
      COMMIT,
    ];
  });

  scenario('toast', (_, rel, xid) => {
    const id = rel('public.documents');
    const relation = (replicaIdentity: 'default' | 'full'): Shape => ({
      type: 'relation', xid: undefined, relationId: id, namespace: 'public', name: 'documents', replicaIdentity,
      columns: [col('id', 23, -1, true), col('title', 25, -1, replicaIdentity === 'full'), col('body', 25, -1, replicaIdentity === 'full')],
    });
    return [
      begin(xid(0)),
      relation('default'),
      { type: 'insert', xid: undefined, relationId: id, newTuple: [t('1'), t('v1'), t(BODY)] },
      COMMIT,
      begin(xid(1)),
      // The untouched out-of-line value is not sent: kind 'u'.
      { type: 'update', xid: undefined, relationId: id, oldKey: undefined, oldTuple: undefined, newTuple: [t('1'), t('v2'), TOAST] },
      COMMIT,
      begin(xid(2)),
      relation('full'),
      // Under FULL the old row carries the value, detoasted; the new row still says 'u'.
      { type: 'update', xid: undefined, relationId: id, oldKey: undefined, oldTuple: [t('1'), t('v2'), t(BODY)], newTuple: [t('1'), t('v3'), TOAST] },
      COMMIT,
      begin(xid(3)),
      { type: 'delete', xid: undefined, relationId: id, oldKey: undefined, oldTuple: [t('1'), t('v3'), t(BODY)] },
      COMMIT,
    ];
  });

  scenario('truncate', (_, rel, xid) => {
    const parents = rel('public.parents');
    const children = rel('public.children');
    const P: Shape = { type: 'relation', xid: undefined, relationId: parents, namespace: 'public', name: 'parents', replicaIdentity: 'default', columns: [col('id', 23, -1, true)] };
    const C: Shape = {
      type: 'relation', xid: undefined, relationId: children, namespace: 'public', name: 'children', replicaIdentity: 'default',
      columns: [col('id', 23, -1, true), col('parent_id', 23)],
    };
    const truncate = (flags: number, relationIds: number[]): Shape => ({
      type: 'truncate', xid: undefined, flags, cascade: (flags & 1) !== 0, restartIdentity: (flags & 2) !== 0, relationIds,
    });
    return [
      begin(xid(0)), P, { type: 'insert', xid: undefined, relationId: parents, newTuple: [t('1')] }, C,
      { type: 'insert', xid: undefined, relationId: children, newTuple: [t('1'), t('1')] }, COMMIT,
      // TRUNCATE invalidates the relations, so their descriptions are sent again first.
      begin(xid(1)), P, C, truncate(1, [parents, children]), COMMIT,
      begin(xid(2)), C, truncate(2, [children]), COMMIT,
      begin(xid(3)), P, C, truncate(3, [parents, children]), COMMIT,
    ];
  });

  scenario('messages', (_, rel, xid) => {
    const hex = (s: string) => Buffer.from(s).toString('hex');
    return [
      begin(xid(0)),
      { type: 'relation', xid: undefined, relationId: rel('public.events'), namespace: 'public', name: 'events', replicaIdentity: 'default', columns: [col('id', 23, -1, true)] },
      { type: 'insert', xid: undefined, relationId: rel('public.events'), newTuple: [t('1')] },
      { type: 'message', xid: undefined, transactional: true, prefix: 'audit', content: hex('inside the transaction') },
      COMMIT,
      { type: 'message', xid: undefined, transactional: false, prefix: 'heartbeat', content: hex('on its own') },
      // From the rolled-back transaction only the non-transactional message arrives.
      { type: 'message', xid: undefined, transactional: false, prefix: 'progress', content: hex('sent although the transaction rolls back') },
      begin(xid(2)),
      { type: 'message', xid: undefined, transactional: true, prefix: 'bytes', content: '00ff10' },
      COMMIT,
    ];
  });

  scenario('relation-change', (_, rel, xid) => {
    const id = rel('public.items');
    const relation = (columns: ReturnType<typeof col>[]): Shape => ({ type: 'relation', xid: undefined, relationId: id, namespace: 'public', name: 'items', replicaIdentity: 'default', columns });
    const price = col('price', 1700, (8 << 16) + 2 + 4);
    return [
      begin(xid(0)), relation([col('id', 23, -1, true), col('name', 25)]), { type: 'insert', xid: undefined, relationId: id, newTuple: [t('1'), t('one')] }, COMMIT,
      begin(xid(1)), relation([col('id', 23, -1, true), col('name', 25), price]), { type: 'insert', xid: undefined, relationId: id, newTuple: [t('2'), t('two'), t('2.50')] }, COMMIT,
      // A dropped column disappears from the description and from the tuples.
      begin(xid(2)), relation([col('id', 23, -1, true), price]), { type: 'insert', xid: undefined, relationId: id, newTuple: [t('3'), t('3.75')] }, COMMIT,
    ];
  });

  scenario('custom-types', (d, rel, xid) => {
    const mood = d.fixture.facts.types['public.mood'] ?? 0;
    const posint = d.fixture.facts.types['public.posint'] ?? 0;
    return [
      begin(xid(0)),
      { type: 'type', xid: undefined, typeOid: mood, namespace: 'public', name: 'mood' },
      // For a domain PostgreSQL sends the domain's oid with its base type's name.
      { type: 'type', xid: undefined, typeOid: posint, namespace: 'pg_catalog', name: 'int4' },
      {
        type: 'relation', xid: undefined, relationId: rel('public.moods'), namespace: 'public', name: 'moods', replicaIdentity: 'default',
        columns: [col('id', 23, -1, true), col('feeling', mood), col('score', posint)],
      },
      { type: 'insert', xid: undefined, relationId: rel('public.moods'), newTuple: [t('1'), t('happy'), t('7')] },
      COMMIT,
    ];
  });

  scenario('origin', (d, rel, xid) => [
    begin(xid(0)),
    { type: 'origin', originLsn: 0xabcdefn, name: d.fixture.facts.origin ?? '' },
    { type: 'relation', xid: undefined, relationId: rel('public.replicated'), namespace: 'public', name: 'replicated', replicaIdentity: 'default', columns: [col('id', 23, -1, true)] },
    { type: 'insert', xid: undefined, relationId: rel('public.replicated'), newTuple: [t('1')] },
    COMMIT,
  ]);

  scenario('binary', (_, rel, xid) => [
    begin(xid(0)),
    {
      type: 'relation', xid: undefined, relationId: rel('public.samples'), namespace: 'public', name: 'samples', replicaIdentity: 'default',
      columns: [col('id', 23, -1, true), col('label', 25), col('flag', 16), col('payload', 17), col('at', 1184), col('n', 1700)],
    },
    // int4 258, UTF-8 'é', true, bytea, timestamptz as microseconds since 2000-01-01, NULL.
    { type: 'insert', xid: undefined, relationId: rel('public.samples'), newTuple: [b('00000102'), b('c3a9'), b('01'), b('0102'), b('00000000000f4240'), NUL] },
    COMMIT,
  ]);
});
