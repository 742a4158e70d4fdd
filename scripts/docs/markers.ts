/**
 * Generated sections in hand-written Markdown: everything between `<!-- generated:<id> -->` and the next
 * `<!-- /generated -->` belongs to the generator; the rest of the file is left exactly as it is.
 */

const SECTION = /<!-- generated:(\S+) -->\n[\s\S]*?<!-- \/generated -->/g;
const OPEN = /<!-- generated:(\S+) -->/g;

export const openMarker = (id: string) => `<!-- generated:${id} -->`;
export const CLOSE_MARKER = '<!-- /generated -->';

/** The block for `id` with `body` in it. */
export function block(id: string, body: string): string {
  return `${openMarker(id)}\n${body.trimEnd()}\n${CLOSE_MARKER}`;
}

/** The ids of the generated sections in a file, in order. Throws on an opening marker without its close. */
export function sectionIds(text: string, file: string): string[] {
  const opened = [...text.matchAll(OPEN)].map((m) => m[1] ?? '');
  const closed = [...text.matchAll(SECTION)].map((m) => m[1] ?? '');
  if (opened.join('\n') !== closed.join('\n')) {
    const unclosed = opened.find((id, i) => closed[i] !== id) ?? '?';
    throw new Error(`${file}: the generated section "${unclosed}" has no ${CLOSE_MARKER} line after it`);
  }
  return closed;
}

/**
 * Replaces the body of every generated section with `render(id)`, and appends the sections in `missing`
 * (required ones the file does not have yet) at its end.
 */
export function fillSections(text: string, file: string, render: (id: string) => string, missing: readonly string[] = []): string {
  sectionIds(text, file);
  const filled = text.replace(SECTION, (_whole, id: string) => block(id, render(id)));
  if (missing.length === 0) return filled;
  return `${filled.trimEnd()}\n\n${missing.map((id) => block(id, render(id))).join('\n\n')}\n`;
}

/** The sections whose body differs between two versions of a file. */
export function changedSections(before: string, after: string): string[] {
  const bodies = (text: string) => new Map([...text.matchAll(SECTION)].map((m) => [m[1] ?? '', m[0]]));
  const old = bodies(before);
  return [...bodies(after)].filter(([id, body]) => old.get(id) !== body).map(([id]) => id);
}
