import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regexListProblem, regexProblem, splitRegexList } from './regex-lists.js';

describe("Debezium's regex lists", () => {
  it('split at unescaped commas, trimmed, without empty elements; \\, is a comma inside an element', () => {
    assert.deepEqual(splitRegexList(' public\\.a , public\\.b\\,c,,x{1\\,2}'), ['public\\.a', 'public\\.b,c', 'x{1,2}']);
    assert.deepEqual(splitRegexList(''), []);
  });

  it('reject a trailing lone backslash', () => {
    assert.throws(() => splitRegexList('a\\'), /^Error: Unterminated escape sequence at the end of the string$/);
    assert.equal(regexListProblem('ok,a\\'), 'Unterminated escape sequence at the end of the string');
  });

  // Java 17's PatternSyntaxException messages for these patterns, as Debezium reports them.
  const javaMessages: Array<[string, string]> = [
    ['*a', "Dangling meta character '*' near index 0\n*a\n^"],
    ['ab(*c)', "Dangling meta character '*' near index 3\nab(*c)\n   ^"],
    ['a|+', "Dangling meta character '+' near index 2\na|+\n  ^"],
    ['a**', "Dangling meta character '*' near index 2\na**\n  ^"],
    ['a*??', "Dangling meta character '?' near index 3\na*??\n   ^"],
    ['(?:*a)', "Dangling meta character '*' near index 3\n(?:*a)\n   ^"],
    ['a{2}*', "Dangling meta character '*' near index 4\na{2}*\n    ^"],
    ['x)y', "Unmatched closing ')' near index 0\nx)y\n^"],
    ['a(b)c)d', "Unmatched closing ')' near index 4\na(b)c)d\n    ^"],
    ['[ab', 'Unclosed character class near index 2\n[ab\n  ^'],
    ['[a\\]', 'Unclosed character class near index 3\n[a\\]\n   ^'],
    ['(a', 'Unclosed group near index 2\n(a'],
    ['a(b(c)', 'Unclosed group near index 6\na(b(c)'],
    ['a{2', 'Unclosed counted closure near index 3\na{2'],
    ['a{1,x}', 'Unclosed counted closure near index 4\na{1,x}\n    ^'],
    ['a{x}', 'Illegal repetition near index 2\na{x}\n  ^'],
    ['{a}', 'Illegal repetition near index 1\n{a}\n ^'],
    ['a{2,1}', 'Illegal repetition range near index 5\na{2,1}\n     ^'],
    ['a\\', 'Unexpected internal error near index 2\na\\'],
  ];
  for (const [pattern, message] of javaMessages) {
    it(`describe ${JSON.stringify(pattern)} as Java does`, () => assert.equal(regexProblem(pattern), message));
  }

  it('accept what both Java and JavaScript accept', () => {
    for (const pattern of ['public\\.orders', '.*', 'a{1,2}?', '[]a]', '[\\]a]', '(?<name>a)', 'x{2}', 'inventory\\..*', '(?=a)b']) {
      assert.equal(regexProblem(pattern), null, pattern);
    }
  });

  it('accept Java syntax the filters understand (they compile Java regular expressions)', () => {
    for (const pattern of ['(?i)orders', '\\Qorders$2024\\E', 'public\\.t\\p{Alpha}+']) assert.equal(regexProblem(pattern), null, pattern);
  });

  it('reject the Java syntax Tidewater cannot run, saying what it is', () => {
    assert.match(regexProblem('a++') ?? '', /^Possessive quantifiers are not supported near index 2/);
  });

  it('report the first bad element of a list', () => {
    assert.equal(regexListProblem('public\\.a,(b,[c'), 'Unclosed group near index 2\n(b');
    assert.equal(regexListProblem('public\\.a'), null);
  });
});
