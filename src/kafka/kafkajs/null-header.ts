/**
 * Null header values through kafkajs 2.2.4.
 *
 * Kafka records may carry headers whose value is null (Kafka Connect's header converters produce them).
 * kafkajs's record encoder means to support that — its header encoder writes length -1 for a null value —
 * but its size computation first calls `Buffer.byteLength(value)`, which throws for null, so producing
 * such a record fails (protocol/recordBatch/record/v0/index.js, `sizeOfHeaders`).
 *
 * The workaround: the producer passes a dedicated zero-length Buffer, NULL_HEADER_VALUE, for a null value.
 * Its size counts as a varint 0 (one byte), and kafkajs's `Encoder#writeVarIntBytes` is wrapped to write
 * the varint -1 (also one byte) for exactly that Buffer instance, so the record's declared size stays
 * right and the broker stores a null value. Every other value is encoded by kafkajs unchanged. If the
 * kafkajs internals are not where this expects them, null header values are rejected instead.
 */
import { createRequire } from 'node:module';

/** Stands for a null header value; recognised by identity only, never by content. */
export const NULL_HEADER_VALUE: Buffer = Buffer.alloc(0);

type WriteVarIntBytes = (this: EncoderLike, value: unknown) => EncoderLike;
interface EncoderLike {
  writeVarInt(value: number): EncoderLike;
}
interface EncoderPrototype {
  writeVarIntBytes: WriteVarIntBytes;
  [PATCHED]?: true;
}

const PATCHED = Symbol.for('tidewater.kafkajs.nullHeaderValue');
let supported: boolean | undefined;

/** Installs the encoder wrapper once; false when kafkajs's encoder is not as expected. */
export function nullHeaderValuesSupported(): boolean {
  supported ??= install();
  return supported;
}

function install(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const encoderClass: unknown = require('kafkajs/src/protocol/encoder.js');
    if (typeof encoderClass !== 'function') return false;
    const prototype = (encoderClass as { prototype: EncoderPrototype }).prototype;
    const original = prototype.writeVarIntBytes;
    if (typeof original !== 'function') return false;
    if (prototype[PATCHED]) return true;
    prototype.writeVarIntBytes = function writeVarIntBytes(this: EncoderLike, value: unknown): EncoderLike {
      if (value === NULL_HEADER_VALUE) return this.writeVarInt(-1);
      return original.call(this, value);
    };
    prototype[PATCHED] = true;
    return true;
  } catch {
    return false;
  }
}
