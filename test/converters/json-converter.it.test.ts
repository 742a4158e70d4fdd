/**
 * Differential test against Kafka Connect 3.9.1's own JsonConverter (run by the Java oracle): for every
 * case Tidewater must write the same bytes as Kafka, with and without schemas, fail with the same
 * message where Kafka fails, and read Kafka's bytes back to the same schema and value Kafka reads.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { JsonConverter } from '../../src/converters/json/json-converter.js';
import type { JavaFloatingPointStyle } from '../../src/converters/java/number-format.js';
import { FROM_CASES, type FromCase } from './support/json-cases.js';
import { caseBytes, TO_CASES } from './support/json-read-cases.js';
import { kafkaOracle } from './support/oracle.js';
import { canonical, describeRead, encodeSchema, encodeValue } from './support/tagged.js';

type Answer = Record<string, unknown>;

let style: JavaFloatingPointStyle = 'legacy';

function converter(config: Readonly<Record<string, string>>): JsonConverter {
  const c = new JsonConverter({ floatingPointStyle: style });
  c.configure(config, false);
  return c;
}

function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function ours(testCase: FromCase, schemasEnabled: boolean): unknown {
  const c = converter({ ...testCase.config, 'schemas.enable': String(schemasEnabled) });
  return attempt(() => {
    const bytes = c.fromConnectData('topic', null, testCase.schema, testCase.value);
    return bytes === null ? null : Buffer.from(bytes).toString('base64');
  });
}

function readBack(config: Readonly<Record<string, string>>, base64: unknown): unknown {
  const c = converter(config);
  return attempt(() => describeRead(c.toConnectData('topic', null, base64 === null ? null : Buffer.from(String(base64), 'base64'))));
}

const text = (base64: unknown) => (typeof base64 === 'string' ? Buffer.from(base64, 'base64').toString('utf8') : base64);

describe('JsonConverter matches Kafka 3.9.1 byte for byte', () => {
  let fromAnswers: Answer[] = [];
  let toAnswers: Answer[] = [];

  before(async () => {
    const oracle = await kafkaOracle();
    // Print doubles as the oracle's JVM does (Java 17 unless the machine only has newer ones).
    style = oracle.floatingPointStyle;
    const fromRequests = FROM_CASES.map((c, i) => ({ id: String(i), op: 'from', config: c.config ?? {}, schema: encodeSchema(c.schema), value: encodeValue(c.schema, c.value) }));
    const toRequests = TO_CASES.map((c, i) => ({ id: String(i), op: 'to', config: c.config, bytes: caseBytes(c) }));
    [fromAnswers, toAnswers] = await Promise.all([oracle.run(fromRequests), oracle.run(toRequests)]);
  });

  FROM_CASES.forEach((testCase, i) => {
    it(`writes ${testCase.name}`, () => {
      const kafka = fromAnswers[i] as Answer;
      assert.equal(kafka.oracleError, undefined);
      for (const [suffix, enabled] of [['With', true], ['Without', false]] as const) {
        const expected = kafka[`from${suffix}`];
        const actual = ours(testCase, enabled);
        assert.deepEqual({ schemas: enabled, json: text(actual) }, { schemas: enabled, json: text(expected) });
        assert.deepEqual(actual, expected);
        if (typeof expected === 'string') {
          const config = { ...testCase.config, 'schemas.enable': String(enabled) };
          assert.deepEqual(canonical(readBack(config, expected)), canonical(kafka[`read${suffix}`]), `reading back with schemas.enable=${enabled}`);
        }
      }
    });
  });

  TO_CASES.forEach((testCase, i) => {
    it(`reads ${testCase.name}`, () => {
      const kafka = toAnswers[i] as Answer;
      assert.equal(kafka.oracleError, undefined);
      assert.deepEqual(canonical(readBack(testCase.config, caseBytes(testCase))), canonical(kafka.read));
    });
  });
});
