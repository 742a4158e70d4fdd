/**
 * Compares a second capture (written with `capture.ts --out DIR`) against the recorded fixtures with
 * compareCaptures, to check that a re-run of real Debezium reproduces them after normalisation.
 *
 *   node --import tsx test/debezium-capture/verify.ts DIR
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCaptures } from './compare.js';
import { parseJsonl } from './fixture-format.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'debezium-3.2');
const dir = process.argv[2];
if (!dir) throw new Error('usage: verify.ts DIR');

let failures = 0;
for (const version of readdirSync(dir).filter((d) => d.startsWith('postgres-'))) {
  for (const file of readdirSync(join(dir, version)).filter((f) => f.endsWith('.jsonl'))) {
    const fixture = join(FIXTURES, version, file);
    if (!existsSync(fixture)) {
      console.log(`${version}/${file}: no fixture`);
      failures += 1;
      continue;
    }
    const problems = compareCaptures(parseJsonl(readFileSync(fixture, 'utf8')), parseJsonl(readFileSync(join(dir, version, file), 'utf8')));
    console.log(`${version}/${file}: ${problems.length === 0 ? 'same' : `${problems.length} differences`}`);
    for (const p of problems.slice(0, 5)) console.log(`  ${p.slice(0, 400)}`);
    if (problems.length > 0) failures += 1;
  }
}
process.exitCode = failures === 0 ? 0 : 1;
