import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JavaPattern, JavaPatternSyntaxError, JavaReplacementError } from './java-regex.js';

const matches = (regex: string, input: string): boolean => JavaPattern.compile(regex).matches(input);
const replaceFirst = (regex: string, input: string, replacement: string): string => {
  const pattern = JavaPattern.compile(regex);
  return pattern.replaceFirst(input, pattern.replacement(replacement));
};
const syntaxError = (regex: string): string => {
  try {
    JavaPattern.compile(regex);
  } catch (err) {
    assert.ok(err instanceof JavaPatternSyntaxError);
    return err.message;
  }
  assert.fail(`${regex} compiled`);
};

describe('JavaPattern.matches (whole input, like Matcher.matches)', () => {
  it('requires the whole input to match', () => {
    assert.equal(matches('my-prefix-.*', 'my-prefix-foo'), true);
    assert.equal(matches('my-prefix-.*', 'x-my-prefix-foo'), false);
    assert.equal(matches('foo', 'foobar'), false);
    assert.equal(matches('a|ab', 'ab'), true);
  });

  it('reads \\s, \\w and \\d as ASCII classes, as Java does by default', () => {
    assert.equal(matches('\\s', '\u00a0'), false);
    assert.equal(matches('\\s', '\u000b'), true);
    assert.equal(matches('\\w+', 'abc_123'), true);
    assert.equal(matches('\\w', 'é'), false);
    assert.equal(matches('\\d', '٣'), false);
  });

  it('does not let . or $ cross Java line terminators', () => {
    assert.equal(matches('.', '\u0085'), false);
    assert.equal(matches('(?s).', '\n'), true);
    assert.equal(replaceFirst('a$', 'a\n', 'X'), 'X\n');
    assert.equal(replaceFirst('(?m)^b', 'a\nb', 'X'), 'a\nX');
  });

  it('folds ASCII case under (?i), scoped and switched off', () => {
    assert.equal(matches('(?i)db\\.[a-c]+', 'DB.AbC'), true);
    assert.equal(matches('a(?i:b)c', 'aBc'), true);
    assert.equal(matches('a(?i:b)c', 'aBC'), false);
    assert.equal(matches('(?i)a(?-i)b', 'Ab'), true);
    assert.equal(matches('(?i)a(?-i)b', 'AB'), false);
  });

  it('supports comments mode', () => {
    assert.equal(matches('(?x) a b # the rest is a comment\n c', 'abc'), true);
    assert.equal(matches('(?x)a\\ b', 'a b'), true);
  });

  it('supports Java class syntax: nested unions, intersections, ranges and POSIX names', () => {
    assert.equal(matches('[a-z&&[^aeiou]]+', 'xyz'), true);
    assert.equal(matches('[a-z&&[^aeiou]]+', 'xaz'), false);
    assert.equal(matches('[a[0-9]]+', 'a1a'), true);
    assert.equal(matches('[]a]+', ']a'), true);
    assert.equal(matches('[a-]+', 'a-'), true);
    assert.equal(matches('\\p{Lower}+\\p{Upper}\\p{Punct}', 'ab.C'), false);
    assert.equal(matches('\\p{Lower}+\\p{Upper}\\p{Punct}', 'abC.'), true);
    assert.equal(matches('\\P{Digit}+', 'abc'), true);
    assert.equal(matches('\\p{L}\\p{IsLatin}\\p{javaLowerCase}\\p{IsAlphabetic}', 'ÉçéZ'), true);
  });

  it('understands Java escapes: \\Q…\\E, octal, hex, Unicode and control characters', () => {
    assert.equal(matches('\\Qa.b\\E', 'a.b'), true);
    assert.equal(matches('\\Qa.b\\E', 'axb'), false);
    assert.equal(matches('\\0101\\x42\\x{43}\\u0044\\cA\\e\\a', 'ABCD\u0001\u001b\u0007'), true);
    assert.equal(matches('\\uD83D\\uDE00', '😀'), true);
    assert.equal(matches('\\-\\@\\_', '-@_'), true);
  });

  it('reads backreference digits only while that many groups exist', () => {
    assert.equal(matches('(a)\\1', 'aa'), true);
    assert.equal(matches('(a)\\10', 'aa0'), true);
    assert.equal(matches('(?<x>a)\\k<x>', 'aa'), true);
  });

  it('quantifies anchors, lookarounds and counted repetitions', () => {
    assert.equal(matches('x(?:a|b){2,3}?y', 'xaby'), true);
    assert.equal(matches('(?=a)*a', 'a'), true);
    assert.equal(matches('a{2}', 'aa'), true);
    assert.equal(matches('a{2,}', 'aaaa'), true);
  });
});

describe('JavaPattern syntax errors (PatternSyntaxException messages)', () => {
  it('reports Java’s description, index, pattern and caret', () => {
    assert.equal(syntaxError('*'), "Dangling meta character '*' near index 0\n*\n^");
    assert.equal(syntaxError('a)'), "Unmatched closing ')' near index 0\na)\n^");
    assert.equal(syntaxError('[a'), 'Unclosed character class near index 1\n[a\n ^');
    assert.equal(syntaxError('(a'), 'Unclosed group near index 2\n(a');
    assert.equal(syntaxError('${timestamp}'), 'Illegal repetition near index 0\n${timestamp}\n^');
    assert.equal(syntaxError('{key}'), 'Illegal repetition\n{key}');
    assert.equal(syntaxError('a{3,1}'), 'Illegal repetition range near index 5\na{3,1}\n     ^');
    assert.equal(syntaxError('a{3'), 'Unclosed counted closure near index 3\na{3');
    assert.equal(syntaxError('[z-a]'), 'Illegal character range near index 3\n[z-a]\n   ^');
    assert.equal(syntaxError('\\y'), 'Illegal/unsupported escape sequence near index 1\n\\y\n ^');
    assert.equal(syntaxError('(?<1a>x)'), 'capturing group name does not start with a Latin letter near index 3\n(?<1a>x)\n   ^');
    assert.equal(syntaxError('\\k<nope>'), 'named capturing group <nope> does not exist near index 7\n\\k<nope>\n       ^');
    assert.equal(syntaxError('\\p{Nope}'), 'Unknown character property name {Nope} near index 7\n\\p{Nope}\n       ^');
  });

  it('rejects the constructs JavaScript cannot express', () => {
    assert.match(syntaxError('a*+'), /^Possessive quantifiers are not supported/);
    assert.match(syntaxError('(?>a)'), /^Atomic groups/);
    assert.match(syntaxError('\\Ga'), /^\\G is not supported/);
    assert.match(syntaxError('\\p{InGreek}'), /^Unicode blocks/);
    assert.match(syntaxError('(?U)a'), /^The \(\?U\) flag is not supported/);
  });
});

describe('JavaPattern.replaceFirst with Java replacement syntax', () => {
  it('substitutes numbered and named groups', () => {
    assert.equal(replaceFirst('(.*)-(\\d{8})', 'index-20160117', '$1'), 'index');
    assert.equal(replaceFirst('db\\.(?<table>.*)', 'db.orders', 'cdc-${table}-$1'), 'cdc-orders-orders');
  });

  it('treats $12 as group 1 then "2" when there is no group 12', () => {
    assert.equal(replaceFirst('(a)(b)', 'ab', '$12'), 'a2');
    assert.equal(replaceFirst('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)', 'abcdefghijkl', '$12'), 'l');
  });

  it('escapes with a backslash and appends nothing for an unmatched group', () => {
    assert.equal(replaceFirst('(a)', 'a', '\\$1\\\\'), '$1\\');
    assert.equal(replaceFirst('(a)|(b)', 'b', '[$1]'), '[]');
  });

  it('replaces the first match found, which for lazy patterns can be empty', () => {
    assert.equal(replaceFirst('(.*?)', 'abc', 'x'), 'xabc');
    assert.equal(replaceFirst('a', 'banana', 'o'), 'bonana');
  });

  it('throws Java’s IllegalArgumentException messages only when the replacement is used', () => {
    const pattern = JavaPattern.compile('db\\.(.*)');
    const replacement = pattern.replacement('$1-${timestamp}');
    assert.deepEqual(replacement.error, new JavaReplacementError('No group with name {timestamp}'));
    assert.equal(pattern.replaceFirst('other', replacement), 'other');
    assert.throws(() => pattern.replaceFirst('db.orders', replacement), new JavaReplacementError('No group with name {timestamp}'));
  });

  it('reports each malformed replacement as Java does', () => {
    const error = (replacement: string) => JavaPattern.compile('(a)').replacement(replacement).error?.message;
    assert.equal(error('$'), 'Illegal group reference: group index is missing');
    assert.equal(error('$x'), 'Illegal group reference');
    assert.equal(error('$2'), 'No group 2');
    assert.equal(error('${}'), 'named capturing group has 0 length name');
    assert.equal(error('${a'), "named capturing group is missing trailing '}'");
    assert.equal(error('${1a}'), 'capturing group name {1a} starts with digit character');
    assert.equal(error('\\'), 'character to be escaped is missing');
    assert.equal(JavaPattern.compile('(a)').replacement('$2').error?.javaException, 'java.lang.IndexOutOfBoundsException');
  });
});
