import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVALID_LSN, MAX_LSN, addToLsn, compareLsn, formatLsn, isLsnText, lsnDiff, lsnFromParts, maxLsn, minLsn, parseLsn } from './lsn.js';

describe('LSN text form', () => {
  it('parses PostgreSQL\'s unpadded X/Y form', () => {
    assert.equal(parseLsn('0/192C0C0'), 0x192c0c0n);
    assert.equal(parseLsn('16/B374D848'), (0x16n << 32n) | 0xb374d848n);
    assert.equal(parseLsn('0/0'), INVALID_LSN);
  });

  it('parses the zero-padded forms other tools print, and lower case', () => {
    assert.equal(parseLsn('00000000/0192C1C8'), 0x192c1c8n);
    assert.equal(parseLsn('0/0192c1c8'), 0x192c1c8n);
    assert.equal(parseLsn(' 1/0 '), 1n << 32n);
  });

  it('rejects anything that is not two hex numbers of up to 8 digits', () => {
    for (const bad of ['', '0', '0/', '/1', '1/2/3', '123456789/0', '0/123456789', 'G/1', '-1/0', '0x1/2']) {
      assert.throws(() => parseLsn(bad), RangeError, bad);
      assert.equal(isLsnText(bad), false, bad);
    }
    assert.equal(isLsnText('FFFFFFFF/FFFFFFFF'), true);
  });

  it('formats upper case without padding, as pg_lsn prints', () => {
    assert.equal(formatLsn(0x192c0c0n), '0/192C0C0');
    assert.equal(formatLsn((0x16n << 32n) | 0xb374d848n), '16/B374D848');
    assert.equal(formatLsn(0n), '0/0');
    assert.equal(formatLsn(MAX_LSN), 'FFFFFFFF/FFFFFFFF');
  });

  it('round-trips', () => {
    for (const text of ['0/0', '0/1', '1/0', 'ABCDEF01/23456789', 'FFFFFFFF/FFFFFFFF']) assert.equal(formatLsn(parseLsn(text)), text);
  });

  it('refuses to format values outside 64 bits', () => {
    assert.throws(() => formatLsn(-1n), RangeError);
    assert.throws(() => formatLsn(MAX_LSN + 1n), RangeError);
  });
});

describe('LSN arithmetic', () => {
  it('builds from wire halves, treating them as unsigned', () => {
    assert.equal(lsnFromParts(1, 2), (1n << 32n) | 2n);
    assert.equal(lsnFromParts(-1, -1), MAX_LSN);
  });

  it('compares numerically, where text comparison would be wrong', () => {
    const a = parseLsn('0/9000000');
    const b = parseLsn('0/10000000');
    assert.equal('0/9000000' > '0/10000000', true);
    assert.equal(compareLsn(a, b), -1);
    assert.equal(compareLsn(b, a), 1);
    assert.equal(compareLsn(a, a), 0);
    assert.equal(maxLsn(a, b), b);
    assert.equal(minLsn(a, b), a);
  });

  it('adds and subtracts byte counts', () => {
    assert.equal(addToLsn(parseLsn('0/FFFFFFFF'), 1), parseLsn('1/0'));
    assert.equal(lsnDiff(parseLsn('1/0'), parseLsn('0/FFFFFFF0')), 16n);
    assert.equal(lsnDiff(parseLsn('0/0'), parseLsn('0/10')), -16n);
    assert.throws(() => addToLsn(MAX_LSN, 1n), RangeError);
  });
});
