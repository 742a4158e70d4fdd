/**
 * Strings and binary the way Jackson 2.16 writes and reads them in Kafka's JsonConverter.
 *
 * Writing (UTF8JsonGenerator): `"` and `\` escaped, control characters as \b \t \n \f \r or \u00XX
 * (upper-case hex), and every UTF-16 surrogate, paired or not, as \uXXXX: Jackson 2.16 does not combine
 * surrogate pairs into 4-byte UTF-8. Everything else is written as UTF-8.
 */

// eslint-disable-next-line no-control-regex -- the control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = '0123456789ABCDEF';
const SHORT_ESCAPES: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

function unicodeEscape(code: number): string {
  return `\\u${HEX[(code >> 12) & 15]}${HEX[(code >> 8) & 15]}${HEX[(code >> 4) & 15]}${HEX[code & 15]}`;
}

/** A JSON string literal, quotes included, escaped as Jackson escapes it. */
export function quoteJson(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 34 && code !== 92 && (code < 0xd800 || code > 0xdfff)) continue;
    out += text.slice(start, i) + (SHORT_ESCAPES[code] ?? unicodeEscape(code));
    start = i + 1;
  }
  return `${out}${text.slice(start)}"`;
}

/** Base64 as Jackson writes binary (MIME-NO-LINEFEEDS: standard alphabet, padded, one line). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes base64 as Jackson's TextNode.binaryValue() does: standard alphabet, whitespace allowed between
 * quadruplets, padding required. Throws on anything else (Kafka then reports "Invalid bytes field").
 */
export function decodeBase64Strict(text: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  const length = text.length;
  const sextet = (at: number): number => {
    const code = text.charCodeAt(at);
    const value = code < 128 ? (DECODE[code] as number) : -1;
    if (value < 0) throw new Error(`Illegal character '${text[at] ?? ''}' (code 0x${code.toString(16)}) in base64 content`);
    return value;
  };
  while (i < length) {
    if (text.charCodeAt(i) <= 0x20) {
      i++;
      continue;
    }
    if (i + 4 > length) throw new Error('Unexpected end of base64-encoded String: base64 variant expects padding');
    const a = sextet(i);
    const b = sextet(i + 1);
    out.push((a << 2) | (b >> 4));
    if (text[i + 2] === '=') {
      if (text[i + 3] !== '=') throw new Error("Unexpected padding character ('=') in base64 content");
      i += 4;
      continue;
    }
    const c = sextet(i + 2);
    out.push(((b & 15) << 4) | (c >> 2));
    if (text[i + 3] === '=') {
      i += 4;
      continue;
    }
    const d = sextet(i + 3);
    out.push(((c & 3) << 6) | d);
    i += 4;
  }
  return Uint8Array.from(out);
}
