import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLsn, parseLsn } from './lsn.js';
import { END_PREFIX, decodeFixture, fixtureNames, loadFixture, type DataItem } from './testing/captured.js';

/*
 * Over every captured stream (PostgreSQL 15 and 18): the positions and clocks the decoder reports agree with
 * the independent SQL decoding of the same slot and with each other. The exact message contents are
 * asserted per scenario in captured-scenarios.test.ts.
 */

const names = fixtureNames();
const SLACK_MICROS = 2_000_000n;
const ORIGIN_TIME = 1_704_164_645_678_901n; // pg_replication_origin_xact_setup's timestamp in the origin scenario

describe('captured pgoutput fixtures: positions and clocks', () => {
  it('covers both servers and every scenario', () => {
    assert.ok(names.length >= 22, `only ${names.length} fixtures`);
    const scenarios = (major: string) => names.filter((n) => n.startsWith(`pg${major}-`)).map((n) => n.slice(5));
    assert.deepEqual(scenarios('15'), scenarios('18'));
  });

  for (const name of names) {
    describe(name, () => {
      const fixture = loadFixture(name);
      const decoded = decodeFixture(fixture);
      const { data } = decoded;
      const from = BigInt(fixture.facts.capturedFromMicros) - SLACK_MICROS;
      const to = BigInt(fixture.facts.capturedToMicros) + SLACK_MICROS;
      const inWindow = (micros: bigint) => (fixture.facts.origin ? micros === ORIGIN_TIME : micros >= from && micros <= to);
      const live = fixture.peekLsns.length === 0;

      it('decodes every message and ends outside any streamed block, with the end marker last', () => {
        assert.equal(decoded.inStreamAtEnd, false);
        const last = data[data.length - 1]?.message;
        assert.ok(last?.type === 'message' && last.prefix === END_PREFIX && !last.transactional);
      });

      if (live) {
        it('walStart never goes back (0/0 only for writes that are not their callback\'s last)', () => {
          let last = 0n;
          data.forEach((item, i) => {
            if (item.walStart === 0n) assert.ok(['begin', 'relation', 'type'].includes(item.message.type), `${i}: ${item.message.type} at 0/0`);
            else assert.ok(item.walStart >= last, `message ${i} (${item.message.type}) goes back to ${formatLsn(item.walStart)}`);
            if (item.walStart !== 0n) last = item.walStart;
          });
        });
      } else {
        it('walStart is the LSN the SQL interface reports (0/0 for writes that are not their callback\'s last)', () => {
          assert.equal(data.length, fixture.peekLsns.length);
          data.forEach((item, i) => {
            const expected = parseLsn(fixture.peekLsns[i] ?? '');
            if (item.walStart === 0n) assert.ok(['begin', 'relation', 'type'].includes(item.message.type), `${i}: ${item.message.type} at 0/0`);
            else assert.equal(formatLsn(item.walStart), formatLsn(expected), `message ${i} (${item.message.type})`);
          });
        });
      }

      it('a logical walsender sends walEnd = walStart in XLogData; keepalive walEnd never goes back', () => {
        for (const item of data) assert.equal(item.walEnd, item.walStart);
        const ends = decoded.keepalives.map((k) => k.walEnd);
        assert.ok(ends.length > 0);
        for (let i = 1; i < ends.length; i++) assert.ok((ends[i] ?? 0n) >= (ends[i - 1] ?? 0n));
        assert.ok((ends[0] ?? 0n) >= parseLsn(fixture.facts.consistentPoint));
      });

      it('Begin and Commit agree: final LSN = commit LSN < end LSN = the Commit\'s walStart; one commit time', () => {
        let begin: DataItem | undefined;
        let transactions = 0;
        for (const item of data) {
          const m = item.message;
          if (m.type === 'begin') {
            assert.equal(begin, undefined, 'nested Begin');
            begin = item;
          } else if (m.type === 'commit') {
            const b = begin?.message;
            assert.ok(b?.type === 'begin', 'Commit without Begin');
            assert.equal(b.finalLsn, m.commitLsn);
            assert.equal(b.commitTime, m.commitTime);
            assert.ok(m.commitLsn < m.endLsn);
            assert.equal(m.endLsn, item.walStart);
            assert.ok(inWindow(m.commitTime), `commit time ${m.commitTime} outside the capture`);
            begin = undefined;
            transactions++;
          } else if (begin) {
            assert.ok(!('xid' in m) || m.xid === undefined, `${m.type} inside a transaction carries an xid`);
          }
        }
        assert.equal(begin, undefined, 'unterminated transaction');
        assert.ok(transactions > 0 || data.some((d) => d.message.type === 'stream-commit'));
      });

      it('logical messages carry their own LSN, transactional ones only inside transactions', () => {
        let inTransaction = false;
        let inStream = false;
        for (const item of data) {
          const m = item.message;
          if (m.type === 'begin') inTransaction = true;
          if (m.type === 'commit') inTransaction = false;
          if (m.type === 'stream-start') inStream = true;
          if (m.type === 'stream-stop') inStream = false;
          if (m.type !== 'message') continue;
          assert.equal(m.lsn, item.walStart);
          assert.equal(m.transactional, inTransaction || inStream);
        }
      });

      it('streamed blocks: every change inside carries the xid, first segments come first, commits and aborts are placed', () => {
        const seen = new Set<number>();
        let block: number | undefined;
        const parallel = fixture.startReplication.streaming === 'parallel';
        for (const item of data) {
          const m = item.message;
          switch (m.type) {
            case 'stream-start':
              assert.equal(block, undefined);
              assert.equal(m.firstSegment, !seen.has(m.xid));
              seen.add(m.xid);
              block = m.xid;
              break;
            case 'stream-stop':
              assert.notEqual(block, undefined);
              block = undefined;
              break;
            case 'stream-commit':
              assert.equal(block, undefined);
              assert.ok(seen.has(m.xid));
              assert.equal(m.endLsn, item.walStart);
              assert.ok(m.commitLsn < m.endLsn && inWindow(m.commitTime));
              break;
            case 'stream-abort':
              assert.equal(block, undefined);
              assert.ok(seen.has(m.xid));
              assert.equal(m.abortLsn !== undefined, parallel, 'abort LSN and time come with streaming parallel only');
              if (m.abortLsn !== undefined && m.abortTime !== undefined) {
                assert.ok(m.abortLsn > parseLsn(fixture.facts.consistentPoint) && inWindow(m.abortTime));
              }
              break;
            case 'relation':
            case 'type':
            case 'insert':
            case 'update':
            case 'delete':
            case 'truncate':
              if (block !== undefined) assert.notEqual(m.xid, undefined);
              else assert.equal(m.xid, undefined);
              break;
            default:
              break;
          }
        }
        assert.equal(block, undefined);
      });

      it('transaction ids follow the workload\'s transactions in order', () => {
        const xids = data.flatMap((d) => (d.message.type === 'begin' || (d.message.type === 'stream-start' && d.message.firstSegment) ? [d.message.xid] : []));
        let at = 0;
        for (const xid of xids) {
          at = fixture.facts.xids.indexOf(xid, at);
          assert.ok(at >= 0, `xid ${xid} not among the workload's ${fixture.facts.xids.join(', ')}`);
        }
      });
    });
  }
});
