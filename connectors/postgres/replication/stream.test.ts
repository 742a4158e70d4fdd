import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { ConnectError, RetriableError } from '../../../src/api/errors.js';
import { encodeKeepalive, encodePgoutput, encodeXLogData } from '../protocol/pgoutput-encoder.js';
import { ProtocolError } from '../protocol/reader.js';
import { decodeStandbyStatusUpdate, type StandbyStatusUpdate } from '../protocol/replication-messages.js';
import { ReplicationStream, type ReplicationEvent } from './stream.js';

class FakeSocket extends Duplex {
  readonly written: Buffer[] = [];
  pauses = 0;
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.written.push(chunk);
    callback();
  }
  override pause(): this {
    this.pauses++;
    return super.pause();
  }
  /** Status updates the client wrote, decoded. */
  statusUpdates(): StandbyStatusUpdate[] {
    return this.written.filter((w) => w[0] === 0x64 && w[5] === 0x72).map((w) => decodeStandbyStatusUpdate(w.subarray(5)));
  }
  copyDones(): number {
    return this.written.filter((w) => w[0] === 0x63).length;
  }
}

function backend(type: string, body: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeUInt32BE(4 + body.length, 1);
  out.set(body, 5);
  return out;
}

const COPY_BOTH = backend('W', Buffer.from([0, 0, 0]));
const insert = (lsn: bigint, id: string) =>
  backend('d', encodeXLogData(lsn, lsn, 0n, encodePgoutput({ type: 'insert', xid: undefined, relationId: 1, newTuple: [{ kind: 'text', bytes: Buffer.from(id) }] })));
const keepalive = (walEnd: bigint, reply: boolean) => backend('d', encodeKeepalive(walEnd, 0n, reply));

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function setup(overrides: { highWaterMark?: number; statusIntervalMs?: number; stopTimeoutMs?: number; signal?: AbortSignal } = {}) {
  const socket = new FakeSocket();
  const toPg: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => toPg.push(chunk));
  const command = deferred();
  let abandoned = 0;
  const stream = new ReplicationStream({
    socket,
    run: () => command.promise,
    statusIntervalMs: overrides.statusIntervalMs ?? 60_000,
    highWaterMark: overrides.highWaterMark ?? 1000,
    highWaterMarkBytes: 1 << 30,
    stopTimeoutMs: overrides.stopTimeoutMs ?? 1000,
    abandon: () => {
      abandoned++;
      command.reject(new Error('Connection terminated'));
    },
    name: 'slot_t',
    ...(overrides.signal ? { signal: overrides.signal } : {}),
  });
  return { socket, toPg, command, stream, abandoned: () => abandoned };
}

async function started(overrides?: Parameters<typeof setup>[0]) {
  const s = setup(overrides);
  const start = s.stream.start();
  s.socket.push(COPY_BOTH);
  await start;
  return s;
}

async function take(iterator: AsyncIterator<ReplicationEvent>, n: number): Promise<ReplicationEvent[]> {
  const out: ReplicationEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = await iterator.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

describe('ReplicationStream', () => {
  it('resolves start() on CopyBothResponse and yields decoded messages in order', async () => {
    const { socket, stream } = await started();
    assert.equal(stream.state, 'streaming');
    socket.push(Buffer.concat([insert(0x100n, 'a'), keepalive(0x180n, false), insert(0x200n, 'b')]));
    const events = await take(stream[Symbol.asyncIterator](), 3);
    assert.deepEqual(
      events.map((e) => (e.type === 'keepalive' ? `k ${e.walEnd}` : `${e.walStart} ${e.message.type === 'insert' ? e.message.newTuple.text(0) : ''}`)),
      ['256 a', 'k 384', '512 b'],
    );
    assert.equal(stream.stats().receivedLsn, 0x200n);
    assert.equal(stream.stats().serverWalEnd, 0x200n);
  });

  it('rejects start() with PostgreSQL\'s refusal, as a ConnectError naming the SQLSTATE', async () => {
    const { stream, command } = setup();
    const start = stream.start();
    command.reject(Object.assign(new Error('replication slot "slot_t" does not exist'), { code: '42704', severity: 'ERROR' }));
    await assert.rejects(start, (e: unknown) => e instanceof ConnectError && e.message === 'starting replication from slot slot_t: replication slot "slot_t" does not exist (SQLSTATE 42704)');
    assert.equal(stream.state, 'failed');
  });

  it('answers a keepalive that requests a reply at once, reporting 0/0 before any acknowledgement', async () => {
    const { socket, stream } = await started();
    socket.push(keepalive(0x500n, true));
    await tick();
    assert.deepEqual(socket.statusUpdates().map(({ written, flushed, applied, replyRequested }) => ({ written, flushed, applied, replyRequested })), [
      { written: 0n, flushed: 0n, applied: 0n, replyRequested: false },
    ]);
    socket.push(keepalive(0x500n, false));
    await tick();
    assert.equal(socket.statusUpdates().length, 1, 'no reply unless requested');
    void stream;
  });

  it('never reports a position beyond the last acknowledgement, and never goes back', async () => {
    const { socket, stream } = await started();
    socket.push(Buffer.concat([insert(0x100n, 'a'), insert(0x900n, 'b'), keepalive(0x1000n, true)]));
    await tick();
    stream.acknowledge(0x140n);
    stream.acknowledge(0x120n);
    socket.push(keepalive(0x1000n, true));
    await tick();
    stream.sendStatusUpdate();
    const reported = socket.statusUpdates().map((u) => u.flushed);
    assert.deepEqual(reported, [0n, 0x140n, 0x140n]);
    for (const u of socket.statusUpdates()) assert.ok(u.written === u.flushed && u.applied === u.flushed);
    assert.equal(stream.acknowledgedLsn, 0x140n);
    assert.throws(() => stream.acknowledge(-1n), RangeError);
  });

  it('sends status updates on its interval', async () => {
    const { socket, stream } = await started({ statusIntervalMs: 20 });
    stream.acknowledge(0x42n);
    await new Promise((resolve) => setTimeout(resolve, 90));
    const updates = socket.statusUpdates();
    assert.ok(updates.length >= 2, `${updates.length} updates`);
    assert.ok(updates.every((u) => u.flushed === 0x42n));
    await stream.stop();
  });

  it('pauses the socket when the consumer falls behind and resumes when it catches up', async () => {
    const { socket, stream } = await started({ highWaterMark: 4 });
    socket.push(Buffer.concat(Array.from({ length: 10 }, (_, i) => insert(BigInt(i + 1), String(i)))));
    await tick();
    assert.equal(stream.stats().paused, true);
    assert.equal(stream.stats().queued, 10, 'the chunk in hand is decoded whole');
    socket.push(insert(11n, '10'));
    await tick();
    assert.equal(stream.stats().queued, 10, 'nothing more is read while paused');
    const iterator = stream[Symbol.asyncIterator]();
    const first = await take(iterator, 8);
    assert.equal(first.length, 8);
    assert.equal(stream.stats().paused, false);
    await tick();
    const rest = await take(iterator, 3);
    assert.deepEqual(rest.map((e) => e.type === 'data' && e.walStart), [9n, 10n, 11n]);
    assert.equal(stream.stats().pauses, 1);
  });

  it('stops cleanly: final status, CopyDone, waits for the command, drops what was not taken', async () => {
    const { socket, stream, command } = await started();
    socket.push(Buffer.concat([insert(0x100n, 'a'), insert(0x200n, 'b')]));
    await tick();
    stream.acknowledge(0x100n);
    const stopping = stream.stop();
    assert.equal(stream.state, 'stopping');
    socket.push(Buffer.concat([insert(0x300n, 'late'), backend('c'), backend('C', Buffer.from('COPY 0\0')), backend('Z', Buffer.from('I'))]));
    await tick();
    command.resolve();
    await stopping;
    assert.equal(stream.state, 'stopped');
    assert.deepEqual(socket.statusUpdates().map((u) => u.flushed), [0x100n]);
    assert.equal(socket.copyDones(), 1);
    assert.deepEqual(await stream[Symbol.asyncIterator]().next(), { done: true, value: undefined });
    assert.equal(stream.stats().messages, 2, 'data after stop() is not decoded');
  });

  it('abandons the connection when the server does not end the copy in time', async () => {
    const { stream, abandoned } = await started({ stopTimeoutMs: 30 });
    await stream.stop();
    assert.equal(abandoned(), 1);
  });

  it('stops when its AbortSignal fires; breaking out of for-await stops too', async () => {
    const controller = new AbortController();
    const a = await started({ signal: controller.signal, stopTimeoutMs: 30 });
    controller.abort();
    await tick();
    assert.equal(a.stream.state, 'stopping');
    a.command.resolve();
    const b = await started({ stopTimeoutMs: 30 });
    b.socket.push(insert(1n, 'x'));
    for await (const event of b.stream) {
      assert.equal(event.type, 'data');
      break;
    }
    assert.equal(b.stream.state, 'stopped');
  });

  it('delivers what was queued, then fails with a RetriableError when the server ends the stream', async () => {
    const { socket, stream, command } = await started();
    socket.push(insert(0x100n, 'a'));
    await tick();
    command.resolve();
    await tick();
    const iterator = stream[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).done, false);
    await assert.rejects(iterator.next(), (e: unknown) => e instanceof RetriableError && /the server ended the stream/.test(e.message));
  });

  it('fails with the mapped error when the connection drops mid-stream', async () => {
    const { stream, command } = await started();
    const next = stream[Symbol.asyncIterator]().next();
    command.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' }));
    await assert.rejects(next, (e: unknown) => e instanceof RetriableError && /SQLSTATE 57P01/.test(e.message));
  });

  it('fails with a ProtocolError and drops the connection on bytes it cannot decode', async () => {
    const { socket, stream, abandoned } = await started();
    socket.push(backend('d', Buffer.from('w-garbage')));
    await tick();
    await assert.rejects(stream[Symbol.asyncIterator]().next(), (e: unknown) => e instanceof ProtocolError);
    assert.equal(abandoned(), 1);
  });

  it('passes non-CopyData messages to pg', async () => {
    const { socket, toPg, stream } = await started();
    const notice = backend('N', Buffer.from('SNOTICE\0\0'));
    socket.push(notice);
    await tick();
    assert.deepEqual(toPg, [COPY_BOTH, notice]);
    void stream;
  });
});
