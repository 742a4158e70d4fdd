/**
 * Differential tests against Kafka 3.9.1's SimpleHeaderConverter (Values.convertToString and
 * Values.parseString) and StringConverter, run by the Java oracle with TZ=UTC.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SimpleHeaderConverter } from '../../src/converters/simple-header-converter.js';
import { StringConverter } from '../../src/converters/string-converter.js';
import type { JavaFloatingPointStyle } from '../../src/converters/java/number-format.js';
import { HEADER_FROM_CASES, HEADER_TEXTS, STRING_FROM_CASES } from './support/header-cases.js';
import { kafkaOracle } from './support/oracle.js';
import { canonical, describeRead, encodeSchema, encodeValue } from './support/tagged.js';

type Answer = Record<string, unknown>;

let style: JavaFloatingPointStyle = 'legacy';

function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('SimpleHeaderConverter and StringConverter match Kafka 3.9.1', () => {
  let headerFrom: Answer[] = [];
  let headerTo: Answer[] = [];
  let stringFrom: Answer[] = [];

  before(async () => {
    const oracle = await kafkaOracle();
    style = oracle.floatingPointStyle;
    [headerFrom, headerTo, stringFrom] = await Promise.all([
      oracle.run(HEADER_FROM_CASES.map((c, i) => ({ id: String(i), op: 'header-from', schema: encodeSchema(c.schema), value: encodeValue(c.schema, c.value) }))),
      oracle.run(HEADER_TEXTS.map((text, i) => ({ id: String(i), op: 'header-to', text }))),
      oracle.run(STRING_FROM_CASES.map((c, i) => ({ id: String(i), op: 'string-from', config: c.config ?? {}, schema: encodeSchema(c.schema), value: encodeValue(c.schema, c.value) }))),
    ]);
  });

  HEADER_FROM_CASES.forEach((testCase, i) => {
    it(`writes ${testCase.name} as header text`, () => {
      const converter = new SimpleHeaderConverter({ floatingPointStyle: style });
      const actual = attempt(() => {
        const bytes = converter.fromConnectHeader('topic', 'key', testCase.schema, testCase.value);
        return bytes === null ? null : Buffer.from(bytes).toString('utf8');
      });
      assert.deepEqual(actual, (headerFrom[i] as Answer).text);
    });
  });

  HEADER_TEXTS.forEach((text, i) => {
    it(`parses header text ${JSON.stringify(text)}`, () => {
      const converter = new SimpleHeaderConverter({ floatingPointStyle: style });
      const actual = attempt(() => describeRead(converter.toConnectHeader('topic', 'key', Buffer.from(text, 'utf8'))));
      const kafka = (headerTo[i] as Answer).read;
      // Kafka returns a Java null for the text "null"; Tidewater returns no schema and no value.
      const expected = kafka === '<java null>' ? { schema: null, value: null } : kafka;
      assert.deepEqual(canonical(actual), canonical(expected));
    });
  });

  STRING_FROM_CASES.forEach((testCase, i) => {
    it(`writes ${testCase.name} as a string`, () => {
      const converter = new StringConverter({ floatingPointStyle: style });
      converter.configure(testCase.config ?? {}, false);
      const actual = attempt(() => {
        const bytes = converter.fromConnectData('topic', null, testCase.schema, testCase.value);
        return bytes === null ? null : Buffer.from(bytes).toString('base64');
      });
      const expected = (stringFrom[i] as Answer).bytes;
      const text = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('latin1') : v);
      assert.deepEqual(text(actual), text(expected));
    });
  });
});
