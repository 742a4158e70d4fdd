/**
 * Java's Double.toString / Float.toString as JDK 8–18 compute them (jdk.internal.math.FloatingDecimal).
 *
 * Jackson writes doubles and floats with these methods, so the JSON a Kafka Connect worker on Java 17
 * produces depends on this algorithm's exact digit choices, quirks included: it is not always the shortest
 * representation (`Float.toString(4.5891097E18f)` is `4.58910975E18`, `Double.toString(1.0E23)` is
 * `9.999999999999999E22`). This is a re-implementation of the algorithm's behaviour:
 *
 * - integers below 2^63 without fraction bits are printed from a long, with "insignificant" low digits
 *   rounded away according to the precision of the type;
 * - otherwise digits are developed one at a time from exact integers B/S, stopping when the remainder is
 *   within half an ulp (M) of either neighbour, then the last digit is rounded. Java does this with int,
 *   long or big-integer arithmetic depending on estimated sizes, and the three variants differ in a
 *   boundary comparison and in overflow behaviour; all three are reproduced.
 *
 * The result is the digit string and decimal exponent (value = 0.DIGITS × 10^exponent), formatted by
 * `formatJavaDecimal`.
 */

/** ceil(log2(5^i)), as Java approximates it to pick the arithmetic width. */
const N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];

/** How many low decimal digits of 2^p are noise, indexed by p (Java's insignificantDigitsNumber). */
const INSIGNIFICANT_DIGITS_FOR_POW2 = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12,
  12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
];

const EXP_SHIFT = 52;
const MAX_SMALL_BIN_EXP = 62;
const MIN_SMALL_BIN_EXP = -21;
const TWO_52 = 2 ** 52;

export interface DecimalDigits {
  /** Significant digits; may keep trailing zeros after a carry, as Java's buffer does. */
  readonly digits: string;
  /** Decimal exponent: value = 0.digits × 10^exponent. */
  readonly exponent: number;
}

const scratch = new DataView(new ArrayBuffer(8));

/** Java's Double.toString on JDK ≤ 18. */
export function legacyDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  scratch.setFloat64(0, value);
  const high = scratch.getUint32(0);
  const low = scratch.getUint32(4);
  const negative = high >>> 31 === 1;
  const biasedExp = (high >>> 20) & 0x7ff;
  let fraction = (high & 0xfffff) * 2 ** 32 + low;
  if (biasedExp === 0 && fraction === 0) return negative ? '-0.0' : '0.0';
  let binExp: number;
  let significantBits: number;
  if (biasedExp === 0) {
    // Subnormal: normalize so the leading one sits where the hidden bit would.
    const bitLength = fraction >= 2 ** 32 ? 64 - Math.clz32(high & 0xfffff) : 32 - Math.clz32(low);
    const shift = EXP_SHIFT + 1 - bitLength;
    fraction *= 2 ** shift;
    binExp = 1 - shift - 1023;
    significantBits = bitLength;
  } else {
    // Fast path, exact by the argument in `shortestAgrees`: most doubles print as V8's shortest digits.
    if (fraction !== 0 && biasedExp - 1023 <= 51) {
      const shortest = jsShortestDigits(Math.abs(value));
      if (shortestAgrees(shortest)) return formatJavaDecimal(negative, shortest);
    }
    fraction += TWO_52;
    binExp = biasedExp - 1023;
    significantBits = 53;
  }
  return formatJavaDecimal(negative, developDigits(binExp, fraction, significantBits));
}

/**
 * For a normal double below 2^52 that is not a power of two, JDK ≤ 18 prints exactly the shortest
 * decimal that rounds to it, which V8 also computes, except when that decimal has a single digit and
 * Java's E-form forces a second one. Why: Java stops developing digits at the first length where the
 * truncated or the incremented prefix lies within half an ulp, which is the rounding interval here
 * (the interval is only narrowed at powers of two), and picks the closer one, ties to even, as V8 does.
 * The two can only disagree on a decimal lying exactly half an ulp away, and such a midpoint,
 * (2c ± 1)·5^k / 10^k with c ≥ 2^52 and k ≥ 2, has at least 18 significant digits, more than any
 * shortest double representation.
 */
function shortestAgrees({ digits, exponent }: DecimalDigits): boolean {
  return digits.length > 1 || (exponent > -3 && exponent < 8);
}

/** V8's shortest round-trip digits of a positive finite double, as 0.DIGITS × 10^exponent. */
export function jsShortestDigits(value: number): DecimalDigits {
  const text = String(value);
  const e = text.indexOf('e');
  if (e >= 0) return { digits: text.slice(0, e).replace('.', ''), exponent: Number(text.slice(e + 1)) + 1 };
  const point = text.indexOf('.');
  if (point < 0) return { digits: text.replace(/0+$/, ''), exponent: text.length };
  if (text.charCodeAt(0) === 48) {
    let first = point + 1;
    while (text.charCodeAt(first) === 48) first++;
    return { digits: text.slice(first), exponent: point + 1 - first };
  }
  return { digits: text.slice(0, point) + text.slice(point + 1), exponent: point };
}

/** Java's Float.toString on JDK ≤ 18; `value` is rounded to float32 first. */
export function legacyFloatToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  const negative = bits >>> 31 === 1;
  const biasedExp = (bits >>> 23) & 0xff;
  let fraction = bits & 0x7fffff;
  if (biasedExp === 0xff) return negative ? '-Infinity' : 'Infinity';
  if (biasedExp === 0 && fraction === 0) return negative ? '-0.0' : '0.0';
  let binExp: number;
  let significantBits: number;
  if (biasedExp === 0) {
    const bitLength = 32 - Math.clz32(fraction);
    const shift = 24 - bitLength;
    fraction <<= shift;
    binExp = 1 - shift - 127;
    significantBits = bitLength;
  } else {
    fraction |= 0x800000;
    binExp = biasedExp - 127;
    significantBits = 24;
  }
  // Java widens the float's significand into the double layout and shares the double algorithm.
  return formatJavaDecimal(negative, developDigits(binExp, fraction * 2 ** 29, significantBits));
}

function trailingZeros(n: number): number {
  let count = 0;
  let v = n;
  while (v % 2 === 0) {
    v /= 2;
    count++;
  }
  return count;
}

/** The digit development (FloatingDecimal.dtoa); `fractBits` holds the 53-bit significand, hidden bit set. */
export function developDigits(binExp: number, fractBits: number, significantBits: number): DecimalDigits {
  const tailZeros = trailingZeros(fractBits);
  const fractBitCount = EXP_SHIFT + 1 - tailZeros;
  const tinyBits = Math.max(0, fractBitCount - binExp - 1);
  if (binExp <= MAX_SMALL_BIN_EXP && binExp >= MIN_SMALL_BIN_EXP && tinyBits === 0) {
    // An integer below 2^63: print it from a long. (Java's matching fast path for values with a fraction
    // is disabled in its source, so those always take the general route below.)
    const insignificant = binExp > significantBits ? insignificantDigitsForPow2(binExp - significantBits - 1) : 0;
    const whole = fractBits * 2 ** (binExp - EXP_SHIFT);
    if (insignificant === 0 && whole <= Number.MAX_SAFE_INTEGER) return jsShortestDigits(whole);
    return longDigits(BigInt(whole), insignificant);
  }
  return generalDigits(binExp, fractBits, tailZeros, tinyBits, significantBits);
}

function insignificantDigitsForPow2(p2: number): number {
  return p2 > 1 && p2 < INSIGNIFICANT_DIGITS_FOR_POW2.length ? (INSIGNIFICANT_DIGITS_FOR_POW2[p2] as number) : 0;
}

/** FloatingDecimal.developLongDigits: drops (rounding) the insignificant low digits, then trailing zeros. */
function longDigits(value: bigint, insignificant: number): DecimalDigits {
  let v = value;
  let exponent = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = v % pow10;
    v /= pow10;
    exponent += insignificant;
    if (residue >= pow10 >> 1n) v++;
  }
  let text = v.toString();
  const length = text.length;
  text = text.replace(/0+$/, '');
  return { digits: text, exponent: exponent + length };
}

/** Java's estimateDecExp: floor(log10(value)) estimated in double arithmetic (may be one too high). */
function estimateDecimalExponent(fractBits: number, binExp: number): number {
  const mantissa = 1 + (fractBits % TWO_52) / TWO_52;
  const estimate = (mantissa - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(estimate);
}

const SMALL_5_POW = [1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125, 244140625, 1220703125];

function bitsFor5Pow(exponent: number): number {
  return exponent < N_5_BITS.length ? (N_5_BITS[exponent] as number) : exponent * 3;
}

interface Development {
  digits: number[];
  decExp: number;
  low: boolean;
  high: boolean;
  /** Sign of (2 × remainder − 10S): which neighbour is closer when both are within reach. */
  lowDigitDifference: number;
}

function generalDigits(binExp: number, fractBits: number, tailZeros: number, tinyBits: number, significantBits: number): DecimalDigits {
  const fractBitCount = EXP_SHIFT + 1 - tailZeros;
  const oddFract = fractBits / 2 ** tailZeros;
  let decExp = estimateDecimalExponent(fractBits, binExp);
  const b5 = Math.max(0, -decExp);
  let b2 = b5 + tinyBits + binExp;
  const s5 = Math.max(0, decExp);
  let s2 = s5 + tinyBits;
  const m5 = b5;
  let m2 = b2 - significantBits;
  b2 -= fractBitCount - 1;
  const common2 = Math.min(b2, s2);
  b2 -= common2;
  s2 -= common2;
  m2 -= common2;
  // At an exact power of two the next smaller double is half as far; Java narrows M on both sides.
  if (fractBitCount === 1) m2 -= 1;
  if (m2 < 0) {
    b2 -= m2;
    s2 -= m2;
    m2 = 0;
  }
  const bBits = fractBitCount + b2 + bitsFor5Pow(b5);
  const tenSBits = s2 + 1 + bitsFor5Pow(s5 + 1);
  const eForm = (e: number) => e < -3 || e >= 8;
  let dev: Development;
  if (bBits < 64 && tenSBits < 64) {
    dev = bBits < 32 && tenSBits < 32 ? intDigits(oddFract, b5, b2, s5, s2, m5, m2, decExp, eForm) : longDigitsLoop(oddFract, b5, b2, s5, s2, m5, m2, decExp, eForm);
  } else {
    dev = bigDigits(oddFract, b5, b2, s5, s2, m5, m2, decExp, eForm);
  }
  decExp = dev.decExp;
  const digits = dev.digits;
  let exponent = decExp + 1;
  if (dev.high) {
    const roundUp = !dev.low || dev.lowDigitDifference > 0 || (dev.lowDigitDifference === 0 && ((digits[digits.length - 1] as number) & 1) !== 0);
    if (roundUp) exponent += roundUpLastDigit(digits);
  }
  return { digits: digits.map((d) => String.fromCharCode(48 + d)).join(''), exponent };
}

/** Adds one to the last digit with carry; returns 1 when the carry runs out of digits (Java's roundup). */
function roundUpLastDigit(digits: number[]): number {
  let i = digits.length - 1;
  let q = digits[i] as number;
  if (q === 9) {
    while (q === 9 && i > 0) {
      digits[i] = 0;
      q = digits[--i] as number;
    }
    if (q === 9) {
      // Java keeps the digit count: "999" becomes "100" with a larger exponent.
      digits[0] = 1;
      return 1;
    }
  }
  digits[i] = q + 1;
  return 0;
}

type EForm = (decExp: number) => boolean;

/** All values fit in Java ints: 32-bit wrapping arithmetic, `high` is a strict comparison. */
function intDigits(fract: number, b5: number, b2: number, s5: number, s2: number, m5: number, m2: number, decExp0: number, eForm: EForm): Development {
  let decExp = decExp0;
  let b = Math.imul(fract | 0, SMALL_5_POW[b5] as number) << b2;
  const s = (SMALL_5_POW[s5] as number) << s2;
  let m = (SMALL_5_POW[m5] as number) << m2;
  const tens = Math.imul(s, 10);
  const digits: number[] = [];
  let q = Math.trunc(b / s);
  b = Math.imul(10, b % s);
  m = Math.imul(m, 10);
  let low = b < m;
  let high = ((b + m) | 0) > tens;
  if (q === 0 && !high) decExp--;
  else digits.push(q);
  // Java always prints a digit after the point in E-form, so it develops at least two digits there.
  if (eForm(decExp)) high = low = false;
  while (!low && !high) {
    q = Math.trunc(b / s);
    b = Math.imul(10, b % s);
    m = Math.imul(m, 10);
    if (m > 0) {
      low = b < m;
      high = ((b + m) | 0) > tens;
    } else {
      // m overflowed; Java treats that as "certainly within reach" on both sides.
      low = high = true;
    }
    digits.push(q);
  }
  return { digits, decExp, low, high, lowDigitDifference: Math.sign(((b << 1) - tens) | 0) };
}

const asLong = (v: bigint) => BigInt.asIntN(64, v);

/** All values fit in Java longs: 64-bit wrapping arithmetic, `high` is a strict comparison. */
function longDigitsLoop(fract: number, b5: number, b2: number, s5: number, s2: number, m5: number, m2: number, decExp0: number, eForm: EForm): Development {
  let decExp = decExp0;
  let b = asLong((BigInt(fract) * 5n ** BigInt(b5)) << BigInt(b2));
  const s = asLong(5n ** BigInt(s5) << BigInt(s2));
  let m = asLong(5n ** BigInt(m5) << BigInt(m2));
  const tens = asLong(s * 10n);
  const digits: number[] = [];
  let q = Number(b / s);
  b = asLong(10n * (b % s));
  m = asLong(m * 10n);
  let low = b < m;
  let high = asLong(b + m) > tens;
  if (q === 0 && !high) decExp--;
  else digits.push(q);
  if (eForm(decExp)) high = low = false;
  while (!low && !high) {
    q = Number(b / s);
    b = asLong(10n * (b % s));
    m = asLong(m * 10n);
    if (m > 0n) {
      low = b < m;
      high = asLong(b + m) > tens;
    } else {
      low = high = true;
    }
    digits.push(q);
  }
  const difference = asLong(asLong(b << 1n) - tens);
  return { digits, decExp, low, high, lowDigitDifference: difference > 0n ? 1 : difference < 0n ? -1 : 0 };
}

/** Exact big-integer arithmetic; unlike the int and long variants, `high` includes equality. */
function bigDigits(fract: number, b5: number, b2: number, s5: number, s2: number, m5: number, m2: number, decExp0: number, eForm: EForm): Development {
  let decExp = decExp0;
  const s = 5n ** BigInt(s5) << BigInt(s2);
  let b = (BigInt(fract) * 5n ** BigInt(b5)) << BigInt(b2);
  let m = (5n ** BigInt(m5 + 1)) << BigInt(m2 + 1);
  const tens = s * 10n;
  const digits: number[] = [];
  let q = Number(b / s);
  b = 10n * (b % s);
  let low = b < m;
  let high = b + m >= tens;
  if (q === 0 && !high) decExp--;
  else digits.push(q);
  if (eForm(decExp)) high = low = false;
  while (!low && !high) {
    q = Number(b / s);
    b = 10n * (b % s);
    m *= 10n;
    low = b < m;
    high = b + m >= tens;
    digits.push(q);
  }
  let lowDigitDifference = 0;
  if (high && low) {
    const twice = b << 1n;
    lowDigitDifference = twice > tens ? 1 : twice < tens ? -1 : 0;
  }
  return { digits, decExp, low, high, lowDigitDifference };
}

/**
 * Java's layout of a decimal (BinaryToASCIIBuffer.getChars): plain for 10^-3 ≤ |v| < 10^7 with at least one
 * digit after the point, otherwise `d.dddE±n`.
 */
export function formatJavaDecimal(negative: boolean, { digits, exponent }: DecimalDigits): string {
  const sign = negative ? '-' : '';
  const count = digits.length;
  if (exponent > 0 && exponent < 8) {
    if (count <= exponent) return `${sign}${digits}${'0'.repeat(exponent - count)}.0`;
    return `${sign}${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  }
  if (exponent <= 0 && exponent > -3) return `${sign}0.${'0'.repeat(-exponent)}${digits}`;
  const fraction = count > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${fraction}E${exponent - 1}`;
}
