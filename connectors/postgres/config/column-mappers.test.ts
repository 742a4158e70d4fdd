import assert from 'node:assert/strict';
import { getHashes } from 'node:crypto';
import { describe, it } from 'node:test';
import { findColumnMappers, nodeHashAlgorithm } from './column-mappers.js';

describe('the column-mapping key families', () => {
  it('finds truncate, mask and hash rules, families in that order, keys in the order given', () => {
    const { rules, problems } = findColumnMappers({
      'column.mask.hash.v2.SHA-256.with.salt.pepper.v2': 'public.users.email',
      'column.mask.with.3.chars': 'public.users.name',
      'column.mask.hash.md5.with.salt.s': 'public.users.phone',
      'column.truncate.to.20.chars': 'public.users.bio,public.posts.body',
      'column.truncate.to.007.chars': 'public.x.y',
      'topic.prefix': 'p',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(rules, [
      { kind: 'truncate', key: 'column.truncate.to.20.chars', length: 20, columns: 'public.users.bio,public.posts.body' },
      { kind: 'truncate', key: 'column.truncate.to.007.chars', length: 7, columns: 'public.x.y' },
      { kind: 'mask', key: 'column.mask.with.3.chars', length: 3, columns: 'public.users.name' },
      { kind: 'hash', key: 'column.mask.hash.md5.with.salt.s', version: 'v1', algorithm: 'md5', nodeAlgorithm: 'md5', salt: 's', columns: 'public.users.phone' },
      { kind: 'hash', key: 'column.mask.hash.v2.SHA-256.with.salt.pepper.v2', version: 'v2', algorithm: 'SHA-256', nodeAlgorithm: 'sha256', salt: 'pepper.v2', columns: 'public.users.email' },
    ]);
  });

  it('leaves out unusable rules: unknown algorithms and bad regexes as problems, lengths beyond an int with a warning', () => {
    const warnings: string[] = [];
    const { rules, problems } = findColumnMappers(
      {
        'column.mask.hash.WHIRLPOOL.with.salt.s': 'public.a.b',
        'column.truncate.to.5.chars': 'public.(a',
        'column.mask.with.99999999999.chars': 'public.a.b',
      },
      (m) => warnings.push(m),
    );
    assert.deepEqual(rules, []);
    assert.deepEqual(problems, [
      {
        key: 'column.truncate.to.5.chars',
        familyKey: 'column.truncate.to.(d+).chars',
        message: "The 'column.truncate.to.5.chars' value is invalid: A comma-separated list of valid regular expressions is expected, but Unclosed group near index 9\npublic.(a",
      },
      { key: 'column.mask.hash.WHIRLPOOL.with.salt.s', familyKey: 'column.mask.hash.([^.]+).with.salt.(.+)', message: "The 'column.mask.hash.WHIRLPOOL.with.salt.s' value is invalid: WHIRLPOOL MessageDigest not available" },
    ]);
    assert.deepEqual(warnings, ["Unexpected value 99999999999 extracted from configuration field 'column.mask.with.99999999999.chars' using regex 'column\\.mask\\.with\\.(\\d+)\\.chars'"]);
  });

  it("maps Java's MessageDigest names, in any case, to Node's", () => {
    assert.deepEqual(
      ['MD5', 'sha-1', 'SHA', 'SHA-224', 'SHA-256', 'sha256', 'SHA-384', 'SHA-512', 'SHA-512/256', 'SHA3-256', 'MD2'].map(nodeHashAlgorithm),
      ['md5', 'sha1', 'sha1', 'sha224', 'sha256', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', null],
    );
    const available = new Set(getHashes());
    for (const name of ['MD5', 'SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/224', 'SHA-512/256', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512']) {
      assert.ok(available.has(nodeHashAlgorithm(name) ?? ''), name);
    }
  });
});
