import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStreamParams, splitInitialStatements } from './session-settings.js';

describe('database.initial.statements', () => {
  it('splits at `;`, keeps `;;` as a semicolon, trims and drops empty statements', () => {
    assert.deepEqual(splitInitialStatements("SET search_path = app; ; SELECT 'a;;b';SET x = 1;"), ['SET search_path = app', "SELECT 'a;b'", 'SET x = 1']);
    assert.deepEqual(splitInitialStatements(null), []);
  });
});

describe('slot.stream.params', () => {
  it("reads `name=value;…` and skips malformed entries with Debezium's warning", () => {
    const warnings: string[] = [];
    const params = parseStreamParams('origin=any;messages=true;bad;a=b=c;', (m) => warnings.push(m));
    assert.deepEqual([...params], [['origin', 'any'], ['messages', 'true']]);
    assert.deepEqual(warnings, ['The following STREAM_PARAMS value is invalid: bad', 'The following STREAM_PARAMS value is invalid: a=b=c']);
  });
});
