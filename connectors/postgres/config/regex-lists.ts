/**
 * Debezium's comma-separated regular-expression lists (`table.include.list`, `column.exclude.list`, …):
 * how they are split, and why one is rejected. Debezium compiles each element as a Java regular
 * expression, and so does Tidewater (src/transforms/kafka/java-regex.ts). The common Java syntax errors are
 * described as Java describes them (`Unclosed group near index 9` and the pattern under it), so Debezium's
 * validate messages come out the same; the few Java constructs Tidewater cannot run (possessive
 * quantifiers, …) are rejected with a message naming them.
 */

export { splitRegexList } from '../../../src/cdc/filters.js';
import { splitRegexList } from '../../../src/cdc/filters.js';
import { JavaPattern } from '../../../src/transforms/kafka/java-regex.js';

interface JavaSyntaxError {
  readonly description: string;
  readonly index: number;
}

const QUANTIFIERS = new Set(['*', '+', '?']);

/** Java's PatternSyntaxException message: the description, the index, the pattern and a caret under it. */
function javaMessage(pattern: string, error: JavaSyntaxError): string {
  const caret = error.index < pattern.length ? `\n${' '.repeat(error.index)}^` : '';
  return `${error.description} near index ${error.index}\n${pattern}${caret}`;
}

/** The end of a character class opened at `open` (the index of its `]`), or -1. Java classes nest. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  let depth = 0;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && depth-- === 0) return i;
  }
  return -1;
}

/** A `{n}`, `{n,}` or `{n,m}` quantifier at `open`: the index after it, or a Java error. */
function countedClosure(pattern: string, open: number): number | JavaSyntaxError {
  let i = open + 1;
  if (!/[0-9]/.test(pattern[i] ?? '')) return { description: 'Illegal repetition', index: open + 1 };
  const digits = () => {
    const from = i;
    while (/[0-9]/.test(pattern[i] ?? '')) i++;
    return Number(pattern.slice(from, i));
  };
  const min = digits();
  let max = min;
  if (pattern[i] === ',') {
    i++;
    max = /[0-9]/.test(pattern[i] ?? '') ? digits() : Infinity;
  }
  if (pattern[i] !== '}') return { description: 'Unclosed counted closure', index: i };
  if (max < min) return { description: 'Illegal repetition range', index: i };
  return i + 1;
}

/** The first of Java's common syntax errors in `pattern`, or null (which does not prove it valid). */
function javaSyntaxError(pattern: string): JavaSyntaxError | null {
  const groups: number[] = [];
  let canRepeat = false;
  let afterQuantifier = false;
  let modified = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (QUANTIFIERS.has(c)) {
      if (!canRepeat || (afterQuantifier && (modified || c === '*'))) return { description: `Dangling meta character '${c}'`, index: i };
      if (afterQuantifier) modified = true;
      else [afterQuantifier, modified] = [true, false];
      continue;
    }
    if (c === '{') {
      const end = countedClosure(pattern, i);
      if (typeof end !== 'number') return end;
      i = end - 1;
      [afterQuantifier, modified] = [true, false];
      continue;
    }
    afterQuantifier = false;
    if (c === '\\') {
      if (i + 1 >= pattern.length) return { description: 'Unexpected internal error', index: pattern.length };
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? pattern.length : end + 1;
      } else if (/[pPkx]/.test(pattern[i + 1] ?? '') && pattern[i + 2] === '{') {
        // \p{Alpha}, \k{name}, \x{263a}: the braces belong to the escape.
        const end = pattern.indexOf('}', i + 3);
        i = end < 0 ? pattern.length : end;
      } else {
        i++;
      }
      canRepeat = true;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return { description: 'Unclosed character class', index: pattern.length - 1 };
      i = end;
      canRepeat = true;
    } else if (c === '(') {
      groups.push(i);
      if (pattern[i + 1] === '?') {
        // Skip the group's opening (`(?:`, `(?=`, `(?<=`, `(?<name>`): nothing in it can be repeated.
        const named = /^<[a-zA-Z][a-zA-Z0-9]*>/.exec(pattern.slice(i + 2));
        i += named ? 1 + named[0].length : /^<[=!]/.test(pattern.slice(i + 2)) ? 3 : 2;
      }
      canRepeat = false;
    } else if (c === ')') {
      if (groups.pop() === undefined) return { description: "Unmatched closing ')'", index: i - 1 };
      canRepeat = true;
    } else if (c === '|') {
      canRepeat = false;
    } else {
      canRepeat = true;
    }
  }
  return groups.length ? { description: 'Unclosed group', index: pattern.length } : null;
}

/**
 * Why one list element is not a usable regular expression, or null: Java's description of the common
 * syntax errors, else JavaScript's message when JavaScript cannot compile it (case-insensitively, as
 * Debezium compiles it).
 */
export function regexProblem(pattern: string): string | null {
  const java = javaSyntaxError(pattern);
  if (java) return javaMessage(pattern, java);
  try {
    JavaPattern.compile(pattern);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why a whole list is not valid (the problem of its first bad element), or null. */
export function regexListProblem(text: string): string | null {
  let elements: string[];
  try {
    elements = splitRegexList(text);
  } catch (err) {
    return (err as Error).message;
  }
  for (const element of elements) {
    const problem = regexProblem(element);
    if (problem) return problem;
  }
  return null;
}
