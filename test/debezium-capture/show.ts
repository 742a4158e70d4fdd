/**
 * Prints a capture file readably: per record its topic, offset, headers, key payload and value payload (or the
 * whole JSON with --schema). Numbers are printed as they appear in the text (no rounding of int64 values).
 *
 *   node --import tsx test/debezium-capture/show.ts test/fixtures/debezium-3.2/postgres-15/probe.jsonl [--schema] [--topic T]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseJsonl } from './fixture-format.js';
import { rewriteJson } from './json-rewrite.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { schema: { type: 'boolean', default: false }, topic: { type: 'string' } },
});

/** The text of the `payload` member (or the whole text with --schema), big numbers untouched. */
function part(text: string | null): string {
  if (text === null || values.schema) return String(text);
  const marker = '{"schema":';
  if (!text.startsWith(marker)) return text;
  // The envelope is {"schema":<schema>,"payload":<payload>}: skip the schema value, keep the rest.
  let schemaEnd = -1;
  rewriteJson(text, () => undefined, (path, _start, end) => {
    if (path.length === 1 && path[0] === 'schema') schemaEnd = end;
  });
  const rest = text.slice(schemaEnd);
  return rest.startsWith(',"payload":') ? rest.slice(',"payload":'.length, -1) : text;
}

process.stdout.on('error', () => process.exit(0));

for (const file of positionals) {
  for (const r of parseJsonl(readFileSync(file, 'utf8'))) {
    if (values.topic && r.topic !== values.topic) continue;
    const headers = r.headers.filter((h) => !h.key.startsWith('__debezium.context.')).map((h) => `${h.key}=${JSON.stringify(h.value)}`);
    console.log(`${r.topic}@${r.offset}${headers.length ? ` ${headers.join(' ')}` : ''}`);
    console.log(`  key:   ${part(r.key)}`);
    console.log(`  value: ${part(r.value)}`);
  }
}
