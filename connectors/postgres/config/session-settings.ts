/**
 * Two strings the connector takes apart before use: `database.initial.statements` (SQL run on each new
 * connection) and `slot.stream.params` (options for the decoding plug-in), split as Debezium splits them.
 */
import type { ConfigWarn } from '../../../src/config/spec.js';
import { javaSplit } from './debezium-checks.js';

/** Statements separated by `;`, where `;;` is a semicolon inside a statement; trimmed, empty ones dropped. */
export function splitInitialStatements(text: string | null | undefined): string[] {
  if (!text) return [];
  const statements: string[] = [];
  let current = '';
  const finish = () => {
    if (current.trim() !== '') statements.push(current.trim());
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== ';') current += c;
    else if (i === text.length - 1) continue;
    else if (text[i + 1] === ';') [current, i] = [current + ';', i + 1];
    else finish();
  }
  finish();
  return statements;
}

/** `name=value` pairs separated by `;` (not trimmed); an entry without exactly one `=` is skipped with Debezium's warning. */
export function parseStreamParams(text: string | null | undefined, warn?: ConfigWarn): Map<string, string> {
  const params = new Map<string, string>();
  if (!text) return params;
  for (const entry of javaSplit(text, ';')) {
    const parts = javaSplit(entry, '=');
    if (parts.length === 2) params.set(parts[0] ?? '', parts[1] ?? '');
    else warn?.(`The following STREAM_PARAMS value is invalid: ${entry}`, { key: 'slot.stream.params' });
  }
  return params;
}
