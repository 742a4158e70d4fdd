/**
 * Request bodies are parsed here. Kafka Connect answers a malformed body with 500 and Jackson's message;
 * Tidewater answers with the same status and a message naming the problem and where it is. It never quotes
 * the body: V8's own messages sometimes do, and the body may hold passwords.
 */
import { RestError } from './errors.js';

const EOF = 'Unexpected end of JSON input';
const AT_POSITION = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/;

function errorText(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Whether parsing `prefix` fails before reaching its end (rather than for running out of input). */
function failsWithin(prefix: string): boolean {
  const message = errorText(prefix);
  if (message === undefined || message === EOF) return false;
  const positioned = AT_POSITION.exec(message);
  return !positioned || Number(positioned[1]) < prefix.length;
}

/**
 * Where V8 stopped, when its message does not say: the shortest prefix that fails before its end holds the
 * offending character last. Longer prefixes fail too, so a binary search finds it.
 */
function offendingIndex(text: string): number {
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsWithin(text.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** The reason a body is not JSON, with its line and column, and none of the body's text. */
export function describeJsonError(text: string, message: string): string {
  if (message === EOF) return `Unexpected end of input at ${lineAndColumn(text, text.length)}`;
  const positioned = AT_POSITION.exec(message);
  if (positioned) {
    const reason = message.slice(0, positioned.index);
    return `${reason} at ${lineAndColumn(text, Number(positioned[1]))}`;
  }
  // "Unexpected token 'x', "…source…" is not valid JSON": keep neither the token nor the source.
  return `Unexpected character at ${lineAndColumn(text, offendingIndex(text))}`;
}

/**
 * A body that is not JSON. Jersey reads a body only for resource methods that take one, so the error is
 * raised when a route reads the body (body.ts), and routes without a body ignore it, as in Kafka.
 */
export class MalformedJson {
  constructor(readonly error: RestError) {}
}

/** Parses a request body; an empty body is `undefined` (routes that need one say so). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return new MalformedJson(new RestError(500, `Malformed JSON in request body: ${describeJsonError(text, message)}`));
  }
}
