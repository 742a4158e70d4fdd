import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { CopyBothSplitter, type CopyBothSink } from './copy-both.js';

/** A backend message: type byte, Int32 length (including itself), body. */
function backend(type: string, body: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeUInt32BE(4 + body.length, 1);
  out.set(body, 5);
  return out;
}

class RecordingSink implements CopyBothSink {
  readonly events: string[] = [];
  readonly views: Buffer[] = [];
  onCopyData(buffer: Buffer, start: number, end: number): void {
    this.events.push(`d:${buffer.toString('latin1', start, end)}`);
    this.views.push(buffer.subarray(start, end));
  }
  onCopyBothStart(): void {
    this.events.push('W');
  }
  onCopyDone(): void {
    this.events.push('c');
  }
}

function setup() {
  const stream = new PassThrough();
  const toPg: Buffer[] = [];
  const pgListener = (chunk: Buffer) => toPg.push(Buffer.from(chunk));
  stream.on('data', pgListener);
  const sink = new RecordingSink();
  const splitter = new CopyBothSplitter({ stream, sink });
  return { stream, toPg, pgListener, sink, splitter };
}

const copyData = (text: string) => backend('d', Buffer.from(text, 'latin1'));

describe('CopyBothSplitter', () => {
  const wire = Buffer.concat([
    backend('W', Buffer.from([0, 0, 0])),
    copyData('w-first'),
    backend('N', Buffer.from('notice\0')),
    copyData('k'),
    copyData(''),
    copyData('x'.repeat(300)),
    backend('c'),
    backend('C', Buffer.from('COPY 0\0')),
    backend('Z', Buffer.from('I')),
  ]);
  const expectedEvents = ['W', 'd:w-first', 'd:k', 'd:', `d:${'x'.repeat(300)}`, 'c'];
  const expectedToPg = [backend('W', Buffer.from([0, 0, 0])), backend('N', Buffer.from('notice\0')), backend('c'), backend('C', Buffer.from('COPY 0\0')), backend('Z', Buffer.from('I'))];

  it('keeps CopyData, passes every other message to pg whole, and reports CopyBoth start and CopyDone', () => {
    const { stream, toPg, sink, splitter } = setup();
    splitter.install();
    stream.emit('data', wire);
    assert.deepEqual(sink.events, expectedEvents);
    assert.deepEqual(toPg, expectedToPg);
  });

  it('reassembles messages however the bytes are cut', () => {
    for (const size of [1, 2, 3, 4, 5, 6, 7, 13, 64]) {
      const { stream, toPg, sink, splitter } = setup();
      splitter.install();
      for (let at = 0; at < wire.length; at += size) stream.emit('data', wire.subarray(at, at + size));
      assert.deepEqual(sink.events, expectedEvents, `chunks of ${size}`);
      assert.deepEqual(toPg, expectedToPg, `chunks of ${size}`);
    }
  });

  it('hands out views of the socket chunk for whole messages (no copy)', () => {
    const { stream, sink, splitter } = setup();
    splitter.install();
    const chunk = Buffer.concat([copyData('abc'), copyData('def')]);
    stream.emit('data', chunk);
    assert.equal(sink.views[0]?.buffer, chunk.buffer);
    assert.equal(sink.views[1]?.byteOffset, chunk.byteOffset + 13);
  });

  it('gives the socket back to pg on uninstall, with a partial message already read', () => {
    const { stream, toPg, pgListener, sink, splitter } = setup();
    splitter.install();
    assert.deepEqual(stream.listeners('data').length, 1);
    assert.notEqual(stream.listeners('data')[0], pgListener);
    const ready = backend('Z', Buffer.from('I'));
    stream.emit('data', ready.subarray(0, 3));
    splitter.uninstall();
    assert.deepEqual(stream.listeners('data'), [pgListener]);
    stream.emit('data', ready.subarray(3));
    assert.deepEqual(Buffer.concat(toPg), ready);
    assert.deepEqual(sink.events, []);
  });
});
