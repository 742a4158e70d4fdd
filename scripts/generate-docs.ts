/**
 * `npm run docs`: regenerates the generated sections of the docs from the code: config tables from the
 * plugins' and the runtime's ConfigSpecs, the REST API reference from the OpenAPI document the server
 * serves, and the metric tables from the metrics catalog. Only the text between a section's markers
 * changes; the prose around them is written by hand.
 *
 *   npx tsx scripts/generate-docs.ts           rewrite the files whose sections are stale
 *   npx tsx scripts/generate-docs.ts --check   change nothing; exit 1 if any section is stale
 *
 * test/docs/docs-fresh.test.ts runs the same rendering in memory and fails when a file differs.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { changedSections, fillSections, sectionIds } from './docs/markers.js';
import { standaloneOpenApi } from './docs/rest-api.js';
import { CONNECTOR_SECTION_IDS, TARGETS, renderSections } from './docs/sections.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface RenderedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** Generated sections whose text changes (or that are added). */
  readonly changed: readonly string[];
}

function read(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function connectorReadmes(root: string): string[] {
  const dir = join(root, 'connectors');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'README.md')))
    .map((e) => `connectors/${e.name}/README.md`)
    .sort();
}

/** Every file with generated sections, before and after regeneration. Throws on unknown or missing sections. */
export async function renderDocs(root: string = REPO_ROOT): Promise<RenderedFile[]> {
  const sections = renderSections(await standaloneOpenApi());
  const render = (file: string) => (id: string) => {
    const body = sections.get(id);
    if (body === undefined) throw new Error(`${file}: unknown generated section "${id}" (known: ${[...sections.keys()].join(', ')})`);
    return body;
  };
  const files: RenderedFile[] = [];
  const renderFile = (path: string, required: readonly string[]) => {
    const before = read(join(root, path));
    const present = new Set(sectionIds(before, path));
    const after = fillSections(before, path, render(path), required.filter((id) => !present.has(id)));
    files.push({ path, before, after, changed: before === after ? [] : changedSections(before, after) });
  };

  for (const target of TARGETS) renderFile(target.path, target.required);

  const readmes = connectorReadmes(root);
  const found = new Map<string, string>();
  for (const path of readmes) {
    for (const id of sectionIds(read(join(root, path)), path)) found.set(id, path);
    renderFile(path, []);
  }
  const undocumented = CONNECTOR_SECTION_IDS.filter((id) => !found.has(id));
  if (undocumented.length) {
    throw new Error(
      `No connector README documents ${undocumented.join(', ')}: add a section marked ` +
        `"<!-- generated:<id> -->" … "<!-- /generated -->" to its connectors/<folder>/README.md, then run npm run docs`,
    );
  }
  return files;
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const stale = (await renderDocs()).filter((f) => f.before !== f.after);
  for (const file of stale) {
    const what = `${file.path} (${file.changed.join(', ') || 'text around the sections'})`;
    if (check) {
      process.stderr.write(`stale: ${what}\n`);
    } else {
      writeFileSync(join(REPO_ROOT, file.path), file.after);
      process.stdout.write(`wrote ${what}\n`);
    }
  }
  if (check && stale.length) process.stderr.write('Generated docs are stale: run npm run docs\n');
  if (!stale.length) process.stdout.write(`docs are up to date (${relative(process.cwd(), REPO_ROOT) || '.'})\n`);
  return check && stale.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`generate-docs: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
