/**
 * The Java charsets StringConverter's `converter.encoding` may name, with Java's encode and decode
 * behaviour: unmappable characters and lone surrogates become '?', malformed input U+FFFD, "UTF-16"
 * writes a big-endian BOM and honours either BOM when reading. Names match case-insensitively with
 * Java's aliases. Java knows many more charsets; these are the ones Node can reproduce exactly.
 */

export interface JavaCharset {
  readonly name: string;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '?');
}

function singleByte(name: string, max: number): JavaCharset {
  return {
    name,
    encode(text) {
      const out = new Uint8Array(text.length);
      let length = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i) as number;
        if (code > 0xffff) i++;
        out[length++] = code <= max ? code : 0x3f;
      }
      return out.subarray(0, length);
    },
    decode(bytes) {
      let text = '';
      for (const b of bytes) text += b <= max ? String.fromCharCode(b) : '\ufffd';
      return text;
    },
  };
}

function utf16(name: string, order: 'BE' | 'LE', bom: boolean): JavaCharset {
  return {
    name,
    encode(text) {
      const well = replaceLoneSurrogates(text);
      const offset = bom ? 2 : 0;
      const out = new Uint8Array(offset + well.length * 2);
      if (bom) out.set([0xfe, 0xff]);
      const view = new DataView(out.buffer);
      for (let i = 0; i < well.length; i++) view.setUint16(offset + i * 2, well.charCodeAt(i), order === 'LE');
      return out;
    },
    decode(bytes) {
      let littleEndian = order === 'LE';
      let start = 0;
      if (bom && bytes.length >= 2) {
        if (bytes[0] === 0xfe && bytes[1] === 0xff) start = 2;
        else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
          start = 2;
          littleEndian = true;
        }
      }
      return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes.subarray(start));
    },
  };
}

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export const UTF_8: JavaCharset = {
  name: 'UTF-8',
  encode: (text) => utf8Encoder.encode(replaceLoneSurrogates(text)),
  decode: (bytes) => utf8Decoder.decode(bytes),
};

const CHARSETS: ReadonlyArray<[JavaCharset, readonly string[]]> = [
  [UTF_8, ['UTF-8', 'UTF8', 'unicode-1-1-utf-8']],
  [singleByte('ISO-8859-1', 0xff), ['ISO-8859-1', 'ISO8859_1', 'ISO_8859_1', 'ISO8859-1', 'ISO_8859-1', 'latin1', 'l1', '8859_1', 'cp819', 'IBM819', '819', 'IBM-819', 'csISOLatin1', 'ISO-IR-100', 'ISO_8859-1:1987']],
  [singleByte('US-ASCII', 0x7f), ['US-ASCII', 'ASCII', 'us', 'ISO646-US', 'cp367', 'IBM367', 'default', 'iso_646.irv:1983', 'ANSI_X3.4-1968', 'ANSI_X3.4-1986', '646', 'csASCII', 'iso-ir-6', 'ascii7', 'ISO_646.irv:1991']],
  [utf16('UTF-16', 'BE', true), ['UTF-16', 'UTF_16', 'utf16', 'unicode', 'UnicodeBig']],
  [utf16('UTF-16BE', 'BE', false), ['UTF-16BE', 'UTF_16BE', 'X-UTF-16BE', 'ISO-10646-UCS-2', 'UnicodeBigUnmarked']],
  [utf16('UTF-16LE', 'LE', false), ['UTF-16LE', 'UTF_16LE', 'X-UTF-16LE', 'UnicodeLittleUnmarked']],
];

const BY_NAME = new Map<string, JavaCharset>(CHARSETS.flatMap(([charset, names]) => names.map((n) => [n.toLowerCase(), charset] as const)));

/** Java's Charset.forName, for the charsets listed above; undefined for any other name. */
export function javaCharset(name: string): JavaCharset | undefined {
  return BY_NAME.get(name.toLowerCase());
}
