import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonDecimal, JsonSyntaxError, parseJson, parseJsonText } from '../../src/converters/json/json-parser.js';

const parse = (text: string) => parseJsonText(text);

describe('JSON parser', () => {
  it('keeps integers exact: numbers up to 2^53, bigints beyond', () => {
    assert.deepEqual(parse('[1, -0, 9007199254740991, 9007199254740993, -9223372036854775808, 123456789012345678901234567890]'), [
      1,
      0,
      9007199254740991,
      9007199254740993n,
      -9223372036854775808n,
      123456789012345678901234567890n,
    ]);
    assert.ok(Object.is(parse('-0'), 0));
  });

  it('keeps numbers with a fraction or exponent as their text', () => {
    assert.deepEqual(parse('[1.0, 12.30, 1e400, -0.0, 2E-3]'), [new JsonDecimal('1.0'), new JsonDecimal('12.30'), new JsonDecimal('1e400'), new JsonDecimal('-0.0'), new JsonDecimal('2E-3')]);
  });

  it('accepts leading zeros, as Kafka enables them in Jackson', () => {
    assert.deepEqual(parse('[007, -00, 00.5]'), [7, 0, new JsonDecimal('00.5')]);
  });

  it('reads objects as Maps in document order; a repeated key keeps its place and takes the last value', () => {
    const value = parse('{"b": 1, "a": {"x": null}, "b": true}');
    assert.deepEqual(value, new Map<string, unknown>([['b', true], ['a', new Map([['x', null]])]]));
    assert.deepEqual([...(value as Map<string, unknown>).keys()], ['b', 'a']);
  });

  it('decodes escapes, keeping lone surrogates', () => {
    assert.equal(parse('"\\u00e9\\ud83d\\ude00 \\" \\\\ \\/ \\b\\f\\n\\r\\t \\uD800"'), 'é😀 " \\ / \b\f\n\r\t \ud800');
  });

  it('treats empty input as missing and ignores what follows the first value', () => {
    assert.equal(parse(' \n'), undefined);
    assert.deepEqual(parse('{"a":1} trailing ] garbage'), new Map([['a', 1]]));
    assert.equal(parse('true ]'), true);
  });

  it('rejects what Jackson rejects', () => {
    for (const text of ['nul', '{"a":1', '[1,]', '{"a" 1}', '"a\u0001"', '"\\a"', 'NaN', '+1', '.5', '1.', '1e', '-', "'a'", '{a:1}', '123abc', 'truex', '[1 2]']) {
      assert.throws(() => parse(text), JsonSyntaxError, text);
    }
  });

  it('limits nesting to 1000 levels and numbers to 1000 characters', () => {
    assert.doesNotThrow(() => parse('['.repeat(1000) + ']'.repeat(1000)));
    assert.throws(() => parse('['.repeat(1001) + ']'.repeat(1001)), /nesting depth exceeds the maximum allowed \(1000\)/);
    assert.throws(() => parse('1'.repeat(1001)), /Number value length \(1001\) exceeds the maximum allowed \(1000\)/);
  });

  it('rejects invalid UTF-8', () => {
    assert.throws(() => parseJson(Uint8Array.from([0x22, 0xff, 0x22])), /Invalid UTF-8/);
  });

  it('skips a lazy member of the root object, checking its syntax, and builds it on demand', () => {
    const document = parseJson(Buffer.from('{"schema": {"type": "int32", "x": [1, "a\\"b"]}, "payload": 5}'), ['schema']);
    assert.equal(document.memberText('schema'), '{"type": "int32", "x": [1, "a\\"b"]}');
    assert.deepEqual(document.member('schema'), new Map<string, unknown>([['type', 'int32'], ['x', [1, 'a"b']]]));
    assert.equal(document.member('payload'), 5);
    assert.throws(() => parseJson(Buffer.from('{"schema": {"type": tru}, "payload": 5}'), ['schema']), JsonSyntaxError);
    assert.throws(() => parseJson(Buffer.from('{"schema": ["a\u0001"], "payload": 5}'), ['schema']), JsonSyntaxError);
  });
});
