import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaHashSetOrder, javaStringHash } from './java-hash-order.js';

describe('Java HashSet order', () => {
  it("hashes strings as Java's String.hashCode", () => {
    assert.equal(javaStringHash(''), 0);
    assert.equal(javaStringHash('a'), 97);
    assert.equal(javaStringHash('initial'), 1948342084);
    assert.equal(javaStringHash('configuration_based'), -793208022);
  });

  it('lists enum literals as Debezium lists them (recorded from Debezium 3.2.7)', () => {
    assert.deepEqual(
      javaHashSetOrder(['always', 'initial', 'never', 'no_data', 'initial_only', 'when_needed', 'configuration_based', 'custom']),
      ['always', 'never', 'initial_only', 'configuration_based', 'when_needed', 'initial', 'custom', 'no_data'],
    );
    assert.deepEqual(javaHashSetOrder(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']), ['allow', 'prefer', 'disable', 'verify-ca', 'require', 'verify-full']);
    assert.deepEqual(javaHashSetOrder(['skip', 'warn', 'fail', 'ignore']), ['warn', 'fail', 'ignore', 'skip']);
  });

  it('keeps insertion order within a bucket and drops duplicates', () => {
    // "Aa" and "BB" share a hash code.
    assert.deepEqual(javaHashSetOrder(['BB', 'Aa', 'BB']), ['BB', 'Aa']);
  });
});
