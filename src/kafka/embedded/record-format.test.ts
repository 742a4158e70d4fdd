import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { checkFrame, decodeFrame, encodeBatch, FRAME_OVERHEAD, frameLength } from './record-format.js';

describe('record frame format', () => {
  test('lays a record out as size, CRC, magic, attributes, offset, timestamp, key, value, headers', () => {
    const { buffer } = encodeBatch([{ key: Buffer.from('k'), value: Buffer.from('v'), headers: [{ key: 'h', value: null }], timestamp: 5 }], 7, null, 4096);
    const body = '01' + '00' + '0000000000000007' + '0000000000000005' + '000000016b' + '0000000176' + '00000001' + '0000000168' + 'ffffffff';
    const crc = crc32(Buffer.from(body, 'hex')).toString(16).padStart(8, '0');
    assert.equal(buffer.toString('hex'), '0000002d' + crc + body);
    assert.equal(buffer.length, frameLength({ key: Buffer.from('k'), value: Buffer.from('v'), headers: [{ key: 'h', value: null }], timestamp: 5 }));
  });

  test('marks LogAppendTime in the attributes and stamps every record with the append time', () => {
    const { buffer, maxTimestamp } = encodeBatch([{ key: null, value: null, headers: [], timestamp: 1 }], 0, 99, 4096);
    assert.equal(buffer[9], 1);
    assert.equal(maxTimestamp, 99);
    const record = decodeFrame(buffer, 0, 't', 0);
    assert.deepEqual([record.timestamp, record.timestampType], [99, 'LogAppendTime']);
  });

  test('round-trips nulls, empties, binary, multi-byte header keys, duplicate headers and large offsets', () => {
    const records = [
      { key: null, value: null, headers: [], timestamp: -1 },
      { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [{ key: '', value: Buffer.alloc(0) }], timestamp: 0 },
      { key: Buffer.from([0, 255]), value: Buffer.from([1, 2, 3]), headers: [{ key: 'ключ', value: Buffer.from('a') }, { key: 'dup', value: Buffer.from('1') }, { key: 'dup', value: null }], timestamp: 1_700_000_000_123 },
    ];
    const base = 2 ** 40 + 3;
    const { buffer, count, indexOffsets, indexPositions } = encodeBatch(records, base, null, 4096);
    assert.equal(count, 3);
    assert.deepEqual([indexOffsets, indexPositions], [[base], [0]]);
    let pos = 0;
    const decoded = [];
    while (pos < buffer.length) {
      const check = checkFrame(buffer, pos, buffer.length, 1 << 20);
      assert.equal(check.kind, 'valid');
      if (check.kind !== 'valid') break;
      decoded.push(decodeFrame(buffer, pos, 'topic', 4));
      pos = check.end;
    }
    const plain = (b: Uint8Array | null) => (b === null ? null : [...b]);
    assert.deepEqual(
      decoded.map((r) => [r.topic, r.partition, r.offset, plain(r.key), plain(r.value), r.headers.map((h) => [h.key, plain(h.value)]), r.timestamp, r.timestampType]),
      records.map((r, i) => ['topic', 4, base + i, plain(r.key), plain(r.value), r.headers.map((h) => [h.key, plain(h.value)]), r.timestamp, 'CreateTime']),
    );
  });

  test('indexes the first frame and then one frame per index interval', () => {
    const records = Array.from({ length: 10 }, () => ({ key: null, value: Buffer.alloc(100 - FRAME_OVERHEAD), headers: [], timestamp: 0 }));
    const { indexPositions, indexOffsets } = encodeBatch(records, 50, null, 250);
    assert.deepEqual(indexPositions, [0, 300, 600, 900]);
    assert.deepEqual(indexOffsets, [50, 53, 56, 59]);
  });

  test('tells a short frame from a corrupt one', () => {
    const { buffer } = encodeBatch([{ key: null, value: Buffer.from('hello'), headers: [], timestamp: 0 }], 0, null, 4096);
    assert.deepEqual(checkFrame(buffer, 0, buffer.length - 1, 1 << 20), { kind: 'incomplete', end: buffer.length });
    assert.equal(checkFrame(buffer, 0, 3, 1 << 20).kind, 'incomplete');
    const flipped = Buffer.from(buffer);
    flipped[flipped.length - 6] = (flipped[flipped.length - 6] as number) ^ 1;
    assert.deepEqual(checkFrame(flipped, 0, flipped.length, 1 << 20), { kind: 'corrupt', reason: 'CRC mismatch' });
    const zeros = Buffer.alloc(64);
    assert.deepEqual(checkFrame(zeros, 0, zeros.length, 1 << 20), { kind: 'corrupt', reason: 'impossible frame size 0' });
  });
});
