/**
 * How Java prints doubles and floats, which is what Jackson (and so Kafka Connect's JSON) writes. The
 * algorithm changed in JDK 19; a worker's output depends on the JVM it runs on, so both are available.
 */
import { legacyDoubleToString, legacyFloatToString } from './floating-decimal.js';
import { shortestDoubleToString, shortestFloatToString } from './shortest-decimal.js';

/**
 * `legacy`: JDK 8–18 (FloatingDecimal), the default: Kafka Connect 3.9 and its reference images run on
 * Java 17. `shortest`: JDK 19 and later, the shortest decimal that rounds back (Java 21 workers).
 */
export type JavaFloatingPointStyle = 'legacy' | 'shortest';

export interface JavaNumberFormat {
  /** Double.toString. */
  double(value: number): string;
  /** Float.toString of the value rounded to float32. */
  float(value: number): string;
}

const LEGACY: JavaNumberFormat = { double: legacyDoubleToString, float: legacyFloatToString };
const SHORTEST: JavaNumberFormat = { double: shortestDoubleToString, float: shortestFloatToString };

export function javaNumberFormat(style: JavaFloatingPointStyle = 'legacy'): JavaNumberFormat {
  return style === 'shortest' ? SHORTEST : LEGACY;
}

/** Java's Long.toString of an int64 held as number or bigint (exact beyond 2^53, never exponent form). */
export function longToString(value: number | bigint): string {
  if (typeof value === 'bigint' || Number.isSafeInteger(value)) return String(value);
  return BigInt(value).toString();
}

const floatBits = new Float32Array(1);
const floatWord = new Uint32Array(floatBits.buffer);

/** The float next to `value` (a float) in the direction of `target`. */
function nextFloatToward(value: number, target: number): number {
  if (value === 0) return target > 0 ? 2 ** -149 : -(2 ** -149);
  floatBits[0] = value;
  // Bit patterns of floats of one sign are ordered by magnitude.
  const awayFromZero = target > value === value > 0;
  floatWord[0] = (floatWord[0] as number) + (awayFromZero ? 1 : -1);
  return floatBits[0] as number;
}

/**
 * The float32 nearest to a decimal text (Java's BigDecimal.floatValue, Float.parseFloat). Going through
 * the nearest double rounds twice, which only goes wrong when that double is exactly halfway between two
 * floats (a midpoint is itself a double, so nothing else can lie between the text and its double); then
 * the exact value decides.
 */
export function decimalTextToFloat(text: string): number {
  const asDouble = Number(text);
  const rounded = Math.fround(asDouble);
  if (!Number.isFinite(asDouble) || !Number.isFinite(rounded) || rounded === asDouble) return rounded;
  const neighbour = nextFloatToward(rounded, asDouble);
  if ((rounded + neighbour) / 2 !== asDouble) return rounded;
  const side = exactSign(text, asDouble);
  if (side === 0) return rounded;
  const [low, high] = rounded < neighbour ? [rounded, neighbour] : [neighbour, rounded];
  return side > 0 ? high : low;
}

/** Sign of (exact decimal value − double), compared with big integers. */
function exactSign(text: string, double: number): number {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) return 0;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let numerator = BigInt(`${sign === '-' ? '-' : ''}${whole}${fraction}` || '0');
  let denominator = 1n;
  const scale = Number(exponent) - fraction.length;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator = 10n ** BigInt(-scale);
  const [doubleNumerator, doubleDenominator] = doubleAsFraction(double);
  const difference = numerator * doubleDenominator - doubleNumerator * denominator;
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

function doubleAsFraction(value: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const significand = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const signed = bits >> 63n === 1n ? -significand : significand;
  return exponent >= 0 ? [signed << BigInt(exponent), 1n] : [signed, 1n << BigInt(-exponent)];
}
