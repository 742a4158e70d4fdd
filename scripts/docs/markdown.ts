/**
 * Markdown helpers for the generated docs: Kafka-style HTML doc strings to Markdown, table cells that
 * survive pipes and line breaks, and tables.
 */

/** Protects `text` outside code spans: `<` and `>` would otherwise be read as HTML by Markdown renderers. */
function escapeOutsideCode(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/**
 * Kafka's ConfigDef docs are HTML fragments (`<p/>`, `<code>`, `<br/>`); Tidewater's are Markdown. Both
 * become Markdown: paragraphs separated by a blank line, code spans in backticks, other angle brackets
 * escaped (`transforms.<alias>.type` must not vanish as an unknown tag).
 */
export function htmlToMarkdown(doc: string): string {
  const withCode = doc.replace(/<code>(.*?)<\/code>/gs, (_m, code: string) => `\`${code}\``);
  const paragraphs = withCode
    .split(/\s*<p\/?>\s*|\s*<\/p>\s*/)
    .map((p) => p.replace(/\s*<br\s*\/?>\s*/g, '\n').trim())
    .filter((p) => p !== '');
  return paragraphs.map(escapeOutsideCode).join('\n\n');
}

/** A table cell: pipes escaped, line breaks as `<br>`. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, '<br>');
}

/** Inline code that may contain backticks. */
export function code(text: string): string {
  if (text === '') return '`""`';
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; cells are escaped here. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The first sentence of a doc's first paragraph (Kafka's docs sometimes omit the space after a period). */
export function firstSentence(doc: string): string {
  const paragraph = htmlToMarkdown(doc).split('\n\n')[0] ?? '';
  // Periods inside code spans (class names) do not end a sentence: look for the end with them blanked out.
  const masked = paragraph.replace(/`[^`]*`/g, (span) => 'x'.repeat(span.length));
  const end = /(?<!\b(?:e\.g|i\.e))\.(?:\s|(?=[A-Z])|$)/.exec(masked);
  return end ? paragraph.slice(0, end.index + 1) : paragraph;
}

/** GitHub's heading anchor for a heading text. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
