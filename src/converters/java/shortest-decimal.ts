/**
 * Java's Double.toString / Float.toString as JDK 19 and later compute them (Raffaello Giulietti's
 * specification): the shortest decimal that rounds back to the value, the closest one when several have
 * that length, except that a one-digit result is replaced by the closest decimal of one or two digits
 * (`Double.MIN_VALUE` is `4.9E-324`, not `5.0E-324`).
 *
 * Doubles start from V8's own shortest digits (same rule) and only need exact arithmetic for the one-digit
 * case; floats, which JavaScript cannot print, are searched exactly with big integers.
 */
import { formatJavaDecimal, type DecimalDigits } from './floating-decimal.js';

const scratch = new DataView(new ArrayBuffer(8));

/** Java's Double.toString on JDK ≥ 19. */
export function shortestDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const negative = value < 0;
  const [mantissa = '', exp = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  if (digits.length > 1) return formatJavaDecimal(negative, { digits, exponent: Number(exp) + 1 });
  scratch.setFloat64(0, Math.abs(value));
  const high = scratch.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = BigInt(high & 0xfffff) * 2n ** 32n + BigInt(scratch.getUint32(4));
  const significand = biased === 0 ? fraction : fraction + 2n ** 52n;
  const binExp = (biased === 0 ? 1 : biased) - 1075;
  return formatJavaDecimal(negative, closestTwoDigits(significand, binExp, biased > 1 && fraction === 0n));
}

/** Java's Float.toString on JDK ≥ 19; `value` is rounded to float32 first. */
export function shortestFloatToString(value: number): string {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return 'Infinity';
  if (f === -Infinity) return '-Infinity';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  scratch.setFloat32(0, Math.abs(f));
  const bits = scratch.getUint32(0);
  const biased = bits >>> 23;
  const fraction = bits & 0x7fffff;
  const significand = BigInt(biased === 0 ? fraction : fraction + 0x800000);
  const binExp = (biased === 0 ? 1 : biased) - 150;
  return formatJavaDecimal(f < 0, shortestDecimal(significand, binExp, biased > 1 && fraction === 0, 9));
}

/**
 * The value c·2^q and the interval of reals that round to it, all as integers over one power-of-two
 * denominator: at a power of two the next smaller value is half as far, so the lower side is narrower.
 */
class RoundingInterval {
  readonly value: bigint;
  readonly lower: bigint;
  readonly upper: bigint;
  readonly denominator: bigint;
  /** Round-half-even: the boundaries themselves round to the value when its significand is even. */
  readonly inclusive: boolean;

  constructor(
    private readonly significand: bigint,
    private readonly binExp: number,
    narrowBelow: boolean,
  ) {
    const e2 = binExp - 2;
    const scale = e2 >= 0 ? 2n ** BigInt(e2) : 1n;
    this.denominator = e2 >= 0 ? 1n : 2n ** BigInt(-e2);
    this.value = 4n * significand * scale;
    this.upper = (4n * significand + 2n) * scale;
    this.lower = (4n * significand - (narrowBelow ? 1n : 2n)) * scale;
    this.inclusive = significand % 2n === 0n;
  }

  /** g·10^k as a numerator over the interval's denominator, or the comparison done the other way round. */
  compare(grid: bigint, k: number, numerator: bigint): number {
    const left = k >= 0 ? grid * 10n ** BigInt(k) * this.denominator : grid * this.denominator;
    const right = k >= 0 ? numerator : numerator * 10n ** BigInt(-k);
    return left < right ? -1 : left > right ? 1 : 0;
  }

  contains(grid: bigint, k: number): boolean {
    const aboveLower = this.compare(grid, k, this.lower);
    const belowUpper = this.compare(grid, k, this.upper);
    return this.inclusive ? aboveLower >= 0 && belowUpper <= 0 : aboveLower > 0 && belowUpper < 0;
  }

  /** floor(value / 10^k). */
  floorAt(k: number): bigint {
    return k >= 0 ? this.value / (this.denominator * 10n ** BigInt(k)) : (this.value * 10n ** BigInt(-k)) / this.denominator;
  }

  /** floor(log10(value)). */
  decimalExponent(): number {
    let e = Math.floor((Math.log2(Number(this.significand)) + this.binExp) * Math.log10(2));
    while (this.compare(1n, e, this.value) > 0) e--;
    while (this.compare(1n, e + 1, this.value) <= 0) e++;
    return e;
  }
}

/** Of the grid points at 10^k next to the value, the closest that rounds back to it (ties: even). */
function closestOnGrid(interval: RoundingInterval, k: number): bigint | undefined {
  const floor = interval.floorAt(k);
  const exact = interval.compare(floor, k, interval.value) === 0;
  const candidates = (exact ? [floor] : [floor, floor + 1n]).filter((g) => interval.contains(g, k));
  if (candidates.length < 2) return candidates[0];
  const [down, up] = candidates as [bigint, bigint];
  // The midpoint of the two candidates against the value decides which is closer.
  const midpointVersusValue = interval.compare(down + up, k, interval.value * 2n);
  if (midpointVersusValue > 0) return down;
  if (midpointVersusValue < 0) return up;
  return down % 2n === 0n ? down : up;
}

function toDigits(grid: bigint, k: number): DecimalDigits {
  const text = grid.toString();
  return { digits: text.replace(/0+$/, '') || '0', exponent: k + text.length };
}

function shortestDecimal(significand: bigint, binExp: number, narrowBelow: boolean, maxDigits: number): DecimalDigits {
  const interval = new RoundingInterval(significand, binExp, narrowBelow);
  const e = interval.decimalExponent();
  for (let length = 1; length <= maxDigits + 1; length++) {
    const k = e - length + 1;
    const grid = closestOnGrid(interval, k);
    if (grid === undefined) continue;
    if (length > 1) return toDigits(grid, k);
    // One digit suffices: Java picks the closest decimal of one or two digits instead.
    return toDigits(closestOnGrid(interval, k - 1) ?? grid, k - 1);
  }
  throw new Error(`no decimal rounds to ${significand}·2^${binExp}`);
}

function closestTwoDigits(significand: bigint, binExp: number, narrowBelow: boolean): DecimalDigits {
  const interval = new RoundingInterval(significand, binExp, narrowBelow);
  const k = interval.decimalExponent() - 1;
  const grid = closestOnGrid(interval, k);
  if (grid === undefined) throw new Error(`no two-digit decimal rounds to ${significand}·2^${binExp}`);
  return toDigits(grid, k);
}
