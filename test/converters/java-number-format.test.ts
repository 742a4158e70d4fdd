import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decimalTextToFloat, javaNumberFormat, longToString } from '../../src/converters/java/number-format.js';

const legacy = javaNumberFormat('legacy');
const shortest = javaNumberFormat('shortest');

describe('Double.toString', () => {
  it('prints plain decimals between 10^-3 and 10^7 with at least one fraction digit', () => {
    for (const style of [legacy, shortest]) {
      assert.equal(style.double(100), '100.0');
      assert.equal(style.double(0.1), '0.1');
      assert.equal(style.double(0.001), '0.001');
      assert.equal(style.double(9999999.999), '9999999.999');
      assert.equal(style.double(-12.5), '-12.5');
    }
  });

  it('prints computerized scientific notation outside that range', () => {
    for (const style of [legacy, shortest]) {
      assert.equal(style.double(1e7), '1.0E7');
      assert.equal(style.double(1e10), '1.0E10');
      assert.equal(style.double(1e-5), '1.0E-5');
      assert.equal(style.double(1.0e-4), '1.0E-4');
      assert.equal(style.double(123456789.123), '1.23456789123E8');
      assert.equal(style.double(Number.MAX_VALUE), '1.7976931348623157E308');
      assert.equal(style.double(2 ** 63), '9.223372036854776E18');
    }
  });

  it('prints zeros, NaN and infinities as Java does', () => {
    for (const style of [legacy, shortest]) {
      assert.equal(style.double(0), '0.0');
      assert.equal(style.double(-0), '-0.0');
      assert.equal(style.double(NaN), 'NaN');
      assert.equal(style.double(Infinity), 'Infinity');
      assert.equal(style.double(-Infinity), '-Infinity');
    }
  });

  it('keeps JDK 17 quirks in legacy style and the shortest digits in JDK 19+ style', () => {
    assert.equal(legacy.double(1e23), '9.999999999999999E22');
    assert.equal(shortest.double(1e23), '1.0E23');
    assert.equal(legacy.double(2e23), '1.9999999999999998E23');
    assert.equal(shortest.double(2e23), '2.0E23');
    assert.equal(legacy.double(8.41e21), '8.409999999999999E21');
    assert.equal(shortest.double(8.41e21), '8.41E21');
  });

  it('prints the smallest subnormals with two digits in both styles', () => {
    assert.equal(legacy.double(5e-324), '4.9E-324');
    assert.equal(shortest.double(5e-324), '4.9E-324');
    assert.equal(legacy.double(1e-323), '1.0E-323');
    assert.equal(shortest.double(1e-323), '9.9E-324');
  });
});

describe('Float.toString', () => {
  it('prints the float nearest to the value, not the double', () => {
    for (const style of [legacy, shortest]) {
      assert.equal(style.float(0.1), '0.1');
      assert.equal(style.float(1 / 3), '0.33333334');
      assert.equal(style.float(3.4028235e38), '3.4028235E38');
      assert.equal(style.float(1.4e-45), '1.4E-45');
      assert.equal(style.float(16777216), '1.6777216E7');
      assert.equal(style.float(-0), '-0.0');
      assert.equal(style.float(NaN), 'NaN');
      assert.equal(style.float(1e39), 'Infinity');
    }
  });

  it('prints extra digits for large floats on JDK 17, as FloatingDecimal does', () => {
    assert.equal(legacy.float(4.5891097e18), '4.58910975E18');
    assert.equal(shortest.float(4.5891097e18), '4.5891097E18');
    assert.equal(legacy.float(2.1948649e17), '2.19486487E17');
    assert.equal(shortest.float(2.1948649e17), '2.1948649E17');
  });
});

describe('longToString', () => {
  it('prints int64 values exactly, never in exponent form', () => {
    assert.equal(longToString(9223372036854775807n), '9223372036854775807');
    assert.equal(longToString(2 ** 60), '1152921504606846976');
    assert.equal(longToString(-42), '-42');
  });
});

describe('decimalTextToFloat', () => {
  it('rounds a decimal to the nearest float once, even where the nearest double is a float midpoint', () => {
    // 1 + 2^-24 is halfway between the floats 1 and 1 + 2^-23.
    assert.equal(decimalTextToFloat('1.000000059604644775390625'), 1);
    assert.equal(decimalTextToFloat('1.0000000596046447753906250000000001'), 1.0000001192092896);
    assert.equal(decimalTextToFloat('-1.0000000596046447753906250000000001'), -1.0000001192092896);
    assert.equal(decimalTextToFloat('0.1'), 0.10000000149011612);
    assert.equal(decimalTextToFloat('1e39'), Infinity);
  });
});
