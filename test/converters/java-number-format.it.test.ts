/**
 * Differential test of Double.toString / Float.toString against real JVMs: the JDK ≤ 18 algorithm
 * against the oracle's Java 17 and the JDK ≥ 19 one against a newer Java, on special values, decimal-
 * looking values, powers of two and random bit patterns.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaNumberFormat, type JavaFloatingPointStyle } from '../../src/converters/java/number-format.js';
import { kafkaOracle } from './support/oracle.js';

/** Bit patterns: the high 32 bits double as the float's bits. */
function bitPatterns(count: number): string[] {
  let state = 0x9e3779b97f4a7c15n;
  const random = () => {
    state ^= (state << 13n) & 0xffffffffffffffffn;
    state ^= state >> 7n;
    state ^= (state << 17n) & 0xffffffffffffffffn;
    return state;
  };
  const view = new DataView(new ArrayBuffer(8));
  const fromDouble = (d: number) => {
    view.setFloat64(0, d);
    return view.getBigUint64(0);
  };
  const fromFloat = (f: number, low: bigint) => {
    view.setFloat32(0, f);
    return (BigInt(view.getUint32(0)) << 32n) | (low & 0xffffffffn);
  };
  const special = [0, -0, 1, -1, 0.1, 100, 1e7, 1e-3, 1e10, 1e-5, 1e23, 2e23, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, 2 ** 63, 2 ** 53 + 2, 3.4028235e38, 1.4e-45, NaN, Infinity, -Infinity];
  const out = special.map(fromDouble);
  for (const f of special) out.push(fromFloat(f, 0n));
  for (let i = 0; out.length < count; i++) {
    const r = random();
    switch (i % 6) {
      case 0:
        out.push(r);
        break;
      case 1:
        out.push(fromDouble(Number(r % 10000000n) / 10 ** Number(r % 9n)));
        break;
      case 2:
        out.push(fromDouble(Number(r % 1000000000n) * 10 ** (Number((r >> 32n) % 60n) - 30)));
        break;
      case 3:
        out.push(fromFloat(Number(r % 1000000n) / 10 ** Number((r >> 40n) % 8n), r));
        break;
      case 4:
        out.push(fromDouble(2 ** (Number(r % 2000n) - 1000)) + (r >> 60n) - 8n);
        break;
      default:
        out.push(fromFloat(Number(r % 100000000n) * 10 ** (Number((r >> 32n) % 30n) - 15), r));
    }
  }
  return out.map((b) => (b & 0xffffffffffffffffn).toString(16).padStart(16, '0'));
}

async function compare(minJava: number, expectedStyle?: JavaFloatingPointStyle): Promise<void> {
  const oracle = await kafkaOracle(minJava);
  if (expectedStyle) assert.equal(oracle.floatingPointStyle, expectedStyle, `Java ${oracle.javaVersion} found for this check`);
  const bits = bitPatterns(60_000);
  const [answer] = await oracle.run([{ id: 'doubles', op: 'doubles', bits }]);
  const javaDoubles = answer?.double as string[];
  const javaFloats = answer?.float as string[];
  const format = javaNumberFormat(oracle.floatingPointStyle);
  const view = new DataView(new ArrayBuffer(8));
  const mismatches: string[] = [];
  bits.forEach((hex, i) => {
    view.setBigUint64(0, BigInt(`0x${hex}`));
    const double = format.double(view.getFloat64(0));
    const float = format.float(view.getFloat32(0));
    if (double !== javaDoubles[i]) mismatches.push(`double ${hex}: ${double} != ${javaDoubles[i]}`);
    if (float !== javaFloats[i]) mismatches.push(`float ${hex.slice(0, 8)}: ${float} != ${javaFloats[i]}`);
  });
  assert.deepEqual(mismatches.slice(0, 20), []);
}

describe('Java number formatting matches the JVM', () => {
  it('prints 60,000 doubles and floats exactly as the oracle JVM (Java 17: FloatingDecimal)', () => compare(17));
  it('prints 60,000 doubles and floats exactly as Java 19+ (shortest repr)', () => compare(19, 'shortest'));
});
