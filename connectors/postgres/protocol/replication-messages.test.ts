import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPgoutputState } from './pgoutput.js';
import { encodeKeepalive, encodeXLogData } from './pgoutput-encoder.js';
import { ProtocolError } from './reader.js';
import {
  decodeCopyData,
  decodeReplicationMessage,
  decodeStandbyStatusUpdate,
  encodeCopyData,
  encodeCopyDone,
  encodeStandbyStatusUpdate,
} from './replication-messages.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const TS_HEX = '0002b0ec85204f35'; // 2024-01-02T03:04:05.678901Z since 2000-01-01
const TS_UNIX = 1_704_164_645_678_901n;

describe('replication CopyData messages from the server', () => {
  it('XLogData: walStart, walEnd, clock, payload view', () => {
    const body = hex(`77 0000000001000000 0000000001000100 ${TS_HEX} 45`);
    const message = decodeReplicationMessage(body);
    assert.deepEqual(message, { type: 'xlogdata', walStart: 0x1000000n, walEnd: 0x1000100n, serverClock: TS_UNIX, payload: hex('45') });
    assert.equal(message.type === 'xlogdata' && message.payload.buffer, body.buffer);
  });

  it('XLogData decoded with its pgoutput payload in one step', () => {
    const state = createPgoutputState();
    const body = hex(`77 0000000001000000 0000000001000100 ${TS_HEX} 53 00000009 01`);
    assert.deepEqual(decodeCopyData(body, state), {
      type: 'data',
      walStart: 0x1000000n,
      walEnd: 0x1000100n,
      serverClock: TS_UNIX,
      message: { type: 'stream-start', xid: 9, firstSegment: true },
    });
    assert.equal(state.inStream, true);
  });

  it('Primary keepalive with and without a reply request', () => {
    assert.deepEqual(decodeReplicationMessage(hex(`6b 0000000001000100 ${TS_HEX} 01`)), {
      type: 'keepalive',
      walEnd: 0x1000100n,
      serverClock: TS_UNIX,
      replyRequested: true,
    });
    assert.deepEqual(decodeCopyData(hex(`6b 0000000000000010 ${TS_HEX} 00`), createPgoutputState()), {
      type: 'keepalive',
      walEnd: 16n,
      serverClock: TS_UNIX,
      replyRequested: false,
    });
  });

  it('the encoders used by tests produce the same layouts', () => {
    assert.deepEqual(encodeXLogData(0x1000000n, 0x1000100n, TS_UNIX, hex('45')), hex(`77 0000000001000000 0000000001000100 ${TS_HEX} 45`));
    assert.deepEqual(encodeKeepalive(0x1000100n, TS_UNIX, true), hex(`6b 0000000001000100 ${TS_HEX} 01`));
  });

  it('rejects unknown tags and malformed keepalives', () => {
    assert.throws(() => decodeReplicationMessage(hex('71')), (e: unknown) => e instanceof ProtocolError && /unknown replication message tag 0x71/.test(e.message));
    assert.throws(() => decodeReplicationMessage(hex(`6b 0000000001000100 ${TS_HEX}`)), ProtocolError);
    assert.throws(() => decodeReplicationMessage(hex(`6b 0000000001000100 ${TS_HEX} 01 00`)), /trailing/);
    assert.throws(() => decodeCopyData(hex('77 00'), createPgoutputState()), /truncated XLogData walStart/);
  });
});

describe('messages the client sends', () => {
  it('Standby status update: written, flushed, applied, clock, reply flag (34 bytes)', () => {
    const body = encodeStandbyStatusUpdate({ written: 0x1000030n, flushed: 0x1000020n, applied: 0x1000010n, clock: TS_UNIX, replyRequested: false });
    assert.deepEqual(body, hex(`72 0000000001000030 0000000001000020 0000000001000010 ${TS_HEX} 00`));
    assert.deepEqual(decodeStandbyStatusUpdate(body), { written: 0x1000030n, flushed: 0x1000020n, applied: 0x1000010n, clock: TS_UNIX, replyRequested: false });
  });

  it('CopyData and CopyDone framing', () => {
    assert.deepEqual(encodeCopyData(hex('72 01')), hex('64 00000006 72 01'));
    assert.deepEqual(encodeCopyDone(), hex('63 00000004'));
  });
});
