/**
 * The column-mapping key families: the number, hash algorithm and salt are part of the key, the value is
 * a comma-separated list of regexes over `<schema>.<table>.<column>`:
 *
 *   column.truncate.to.<N>.chars                       cut strings to N characters
 *   column.mask.with.<N>.chars                         replace strings by N asterisks
 *   column.mask.hash.<algorithm>.with.salt.<salt>      hash (Debezium's v1 byte encoding of the value)
 *   column.mask.hash.v2.<algorithm>.with.salt.<salt>   hash (v2: the value's UTF-8 bytes)
 *
 * Rules come in Debezium's order of families (truncate, mask, hash, hash v2); the first rule matching a
 * column wins. Algorithms are Java's MessageDigest names, mapped to Node's.
 */
import type { ConfigWarn } from '../../../src/config/spec.js';
import { regexListProblem } from './regex-lists.js';

export type ColumnMapperRule =
  | { readonly kind: 'truncate' | 'mask'; readonly key: string; readonly length: number; readonly columns: string }
  | {
      readonly kind: 'hash';
      readonly key: string;
      readonly version: 'v1' | 'v2';
      /** As written in the key, e.g. `SHA-256`. */
      readonly algorithm: string;
      /** Node's name for it, e.g. `sha256`. */
      readonly nodeAlgorithm: string;
      readonly salt: string;
      readonly columns: string;
    };

const FAMILIES = [
  { kind: 'truncate', family: 'column.truncate.to.(d+).chars', pattern: /^column\.truncate\.to\.(\d+)\.chars$/, shown: 'column\\.truncate\\.to\\.(\\d+)\\.chars' },
  { kind: 'mask', family: 'column.mask.with.(d+).chars', pattern: /^column\.mask\.with\.(\d+)\.chars$/, shown: 'column\\.mask\\.with\\.(\\d+)\\.chars' },
] as const;
const HASH_V1 = /^column\.mask\.hash\.([^.]+)\.with\.salt\.(.+)$/;
const HASH_V2 = /^column\.mask\.hash\.v2\.([^.]+)\.with\.salt\.(.+)$/;

/** Java's MessageDigest algorithms (and their aliases), by upper-cased name, as Node hash names. */
const NODE_HASHES: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  SHA: 'sha1',
  SHA1: 'sha1',
  'SHA-224': 'sha224',
  SHA224: 'sha224',
  'SHA-256': 'sha256',
  SHA256: 'sha256',
  'SHA-384': 'sha384',
  SHA384: 'sha384',
  'SHA-512': 'sha512',
  SHA512: 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
  'SHA512/256': 'sha512-256',
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

/** Node's name for a Java MessageDigest algorithm, or null. */
export function nodeHashAlgorithm(javaName: string): string | null {
  return NODE_HASHES[javaName.toUpperCase()] ?? null;
}

/** The family keys Debezium declares (literally, patterns and all); validate reports a rule's problems on them. */
export const HASH_FAMILY_KEY = 'column.mask.hash.([^.]+).with.salt.(.+)';

/** A problem of one rule: its key, the family key it belongs to, and a Debezium-style message. */
export interface ColumnMapperProblem {
  readonly key: string;
  readonly familyKey: string;
  readonly message: string;
}

/**
 * Finds the mapping rules in a raw config. Unusable rules are left out: a length that is not a Java int
 * is logged as Debezium logs it; an unknown algorithm or an invalid regex list is returned as a problem.
 */
export function findColumnMappers(raw: Readonly<Record<string, unknown>>, warn?: ConfigWarn): { rules: ColumnMapperRule[]; problems: ColumnMapperProblem[] } {
  const rules: ColumnMapperRule[] = [];
  const problems: ColumnMapperProblem[] = [];
  const entries = Object.entries(raw).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  const columnsOf = (key: string, familyKey: string, value: string | number): string | null => {
    const columns = String(value);
    const problem = regexListProblem(columns);
    if (problem === null) return columns;
    problems.push({ key, familyKey, message: `The '${key}' value is invalid: A comma-separated list of valid regular expressions is expected, but ${problem}` });
    return null;
  };

  for (const family of FAMILIES) {
    for (const [key, value] of entries) {
      const digits = family.pattern.exec(key)?.[1];
      if (digits === undefined) continue;
      const length = Number(digits);
      if (!Number.isSafeInteger(length) || length >= 2 ** 31) {
        warn?.(`Unexpected value ${digits} extracted from configuration field '${key}' using regex '${family.shown}'`, { key });
        continue;
      }
      const columns = columnsOf(key, family.family, value);
      if (columns !== null) rules.push({ kind: family.kind, key, length, columns });
    }
  }
  for (const [version, pattern] of [['v1', HASH_V1], ['v2', HASH_V2]] as const) {
    for (const [key, value] of entries) {
      const match = pattern.exec(key);
      if (!match) continue;
      const algorithm = match[1] ?? '';
      const nodeAlgorithm = nodeHashAlgorithm(algorithm);
      if (nodeAlgorithm === null) {
        problems.push({ key, familyKey: HASH_FAMILY_KEY, message: `The '${key}' value is invalid: ${algorithm} MessageDigest not available` });
        continue;
      }
      const columns = columnsOf(key, HASH_FAMILY_KEY, value);
      if (columns !== null) rules.push({ kind: 'hash', key, version, algorithm, nodeAlgorithm, salt: match[2] ?? '', columns });
    }
  }
  return { rules, problems };
}
