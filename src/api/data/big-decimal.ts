import { DataError } from '../errors.js';

/**
 * An arbitrary-precision decimal: `unscaled × 10^-scale` (Java's BigDecimal, reduced to what Connect needs).
 * It is the value of the Decimal logical type.
 */
export class BigDecimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {
    if (!Number.isInteger(scale)) throw new DataError(`Decimal scale must be an integer, got ${scale}`);
  }

  /** Parses `-12.340`, `1E+3`, `4.2e-7` (scale is taken from the text, as Java's BigDecimal(String) does). */
  static parse(text: string): BigDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!match || (!match[2] && !match[3])) throw new DataError(`Not a decimal number: ${text}`);
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '') || '0';
    const unscaled = BigInt(`${sign === '-' ? '-' : ''}${digits}`);
    return new BigDecimal(unscaled, fraction.length - Number(exponent));
  }

  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) throw new DataError(`Not a finite number: ${value}`);
    return BigDecimal.parse(String(value));
  }

  /** Two's-complement big-endian bytes of the unscaled value, minimal length (Java BigInteger.toByteArray). */
  unscaledBytes(): Uint8Array {
    let v = this.unscaled;
    const bytes: number[] = [];
    for (;;) {
      const byte = Number(v & 0xffn);
      bytes.unshift(byte);
      v >>= 8n;
      const signBit = byte & 0x80;
      if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
    }
    return Uint8Array.from(bytes);
  }

  static fromUnscaledBytes(bytes: Uint8Array, scale: number): BigDecimal {
    if (bytes.length === 0) return new BigDecimal(0n, scale);
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    if ((bytes[0] ?? 0) & 0x80) v -= 1n << BigInt(bytes.length * 8);
    return new BigDecimal(v, scale);
  }

  /** The digits without exponent notation (Java's toPlainString). */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    let text: string;
    if (this.scale <= 0) text = digits + '0'.repeat(-this.scale);
    else if (digits.length > this.scale) text = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    else text = `0.${'0'.repeat(this.scale - digits.length)}${digits}`;
    return negative ? `-${text}` : text;
  }

  /** Java's BigDecimal.toString: plain unless the adjusted exponent is below -6 or the scale is negative. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = -this.scale + (digits.length - 1);
    if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponent = adjusted >= 0 ? `E+${adjusted}` : `E${adjusted}`;
    return `${negative ? '-' : ''}${mantissa}${exponent}`;
  }

  toNumber(): number {
    return Number(this.toPlainString());
  }

  /** The same value at another scale; rounds half-up when the scale shrinks (Java's ROUND_HALF_UP). */
  setScale(scale: number): BigDecimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new BigDecimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    const quotient = this.unscaled / divisor;
    const remainder = this.unscaled % divisor;
    const roundAway = (remainder < 0n ? -remainder : remainder) * 2n >= divisor;
    return new BigDecimal(roundAway ? quotient + (this.unscaled < 0n ? -1n : 1n) : quotient, scale);
  }

  equals(other: unknown): boolean {
    return other instanceof BigDecimal && other.unscaled === this.unscaled && other.scale === this.scale;
  }
}
