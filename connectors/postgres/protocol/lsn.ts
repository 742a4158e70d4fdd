/**
 * PostgreSQL log sequence numbers (XLogRecPtr): unsigned 64-bit WAL byte positions. Tidewater keeps them as
 * `bigint` everywhere and compares them numerically, never as text: PostgreSQL prints them as `X/Y`, the high
 * and low 32 bits in hexadecimal without padding (`0/192C0C0`), and other tools pad the low half
 * (`00000000/0192C0C0`, `0/0192C0C0`). `parseLsn` accepts every such form.
 */
export type Lsn = bigint;

/** InvalidXLogRecPtr: "no position". A standby status update with this flush position confirms nothing. */
export const INVALID_LSN: Lsn = 0n;

/** The largest representable LSN, 2^64 - 1 (`FFFFFFFF/FFFFFFFF`). */
export const MAX_LSN: Lsn = 0xffff_ffff_ffff_ffffn;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** Parses PostgreSQL's `X/Y` text form (padded or not). Throws a RangeError for anything else. */
export function parseLsn(text: string): Lsn {
  const match = LSN_TEXT.exec(text.trim());
  if (!match) throw new RangeError(`invalid LSN "${text}": expected two hexadecimal numbers of up to 8 digits, as in 16/B374D848`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** True when `text` is a valid `X/Y` LSN. */
export function isLsnText(text: string): boolean {
  return LSN_TEXT.test(text.trim());
}

/** Formats as PostgreSQL (up to 17) prints a pg_lsn: upper-case hex, unpadded, e.g. `16/B374D848`. */
export function formatLsn(lsn: Lsn): string {
  assertLsn(lsn);
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffff_ffffn).toString(16).toUpperCase()}`;
}

/** Builds an LSN from its high and low 32-bit halves (as carried on the wire). */
export function lsnFromParts(high: number, low: number): Lsn {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** Throws a RangeError unless `lsn` is within 0 … 2^64 - 1. */
export function assertLsn(lsn: Lsn): void {
  if (lsn < 0n || lsn > MAX_LSN) throw new RangeError(`LSN out of range: ${lsn}`);
}

/** The later of two positions. */
export function maxLsn(a: Lsn, b: Lsn): Lsn {
  return a > b ? a : b;
}

/** The earlier of two positions. */
export function minLsn(a: Lsn, b: Lsn): Lsn {
  return a < b ? a : b;
}

/** `lsn + bytes`, checked to stay within the 64-bit range. */
export function addToLsn(lsn: Lsn, bytes: bigint | number): Lsn {
  const result = lsn + BigInt(bytes);
  assertLsn(result);
  return result;
}

/** The number of WAL bytes from `from` to `to` (negative when `to` is earlier), like pg_wal_lsn_diff. */
export function lsnDiff(to: Lsn, from: Lsn): bigint {
  return to - from;
}

/** -1, 0 or 1, for sorting. */
export function compareLsn(a: Lsn, b: Lsn): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
