import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from './duration.js';
import { snapshotMarker } from './markers.js';

describe('formatDuration (Debezium Strings.duration)', () => {
  const cases: Array<[number, string]> = [
    [0, '00:00:00.0'],
    [5_200, '00:00:05.2'],
    [5_020, '00:00:05.02'],
    [5_007, '00:00:05.007'],
    [60_000, '00:01:00.0'],
    [3_723_450, '01:02:03.45'],
    [108_000_000, '30:00:00.0'],
  ];
  for (const [ms, text] of cases) it(`${ms} ms → ${text}`, () => assert.equal(formatDuration(ms), text));
});

describe('snapshotMarker', () => {
  const at = (firstTable: boolean, lastTable: boolean, firstInTable: boolean, lastInTable: boolean) => snapshotMarker({ firstTable, lastTable, firstInTable, lastInTable });
  it('last of the last table wins over first of the first table', () => assert.equal(at(true, true, true, true), 'last'));
  it('first row of the first table', () => assert.equal(at(true, false, true, false), 'first'));
  it('a single-row first table that is not the last table is first', () => assert.equal(at(true, false, true, true), 'first'));
  it('last row of a middle table', () => assert.equal(at(false, false, false, true), 'last_in_data_collection'));
  it('first row of a middle table', () => assert.equal(at(false, false, true, false), 'first_in_data_collection'));
  it('a single-row middle table is last_in_data_collection', () => assert.equal(at(false, false, true, true), 'last_in_data_collection'));
  it('other rows are true', () => assert.equal(at(true, true, false, false), 'true'));
});
