/**
 * The generated sections of the docs (config tables, REST API, metrics) must match the code: this renders
 * them again in memory, exactly as `npm run docs` would, and fails if any file would change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { block, changedSections, fillSections, sectionIds } from '../../scripts/docs/markers.js';
import { cell, firstSentence, htmlToMarkdown } from '../../scripts/docs/markdown.js';
import { renderDocs } from '../../scripts/generate-docs.js';

describe('generated docs', () => {
  it('are up to date with the code (otherwise: run npm run docs)', async () => {
    const stale = (await renderDocs()).filter((f) => f.before !== f.after);
    const report = stale.map((f) => `  ${f.path}: ${f.changed.join(', ') || 'sections added'}`).join('\n');
    assert.equal(stale.length, 0, `Generated docs differ from the code; run npm run docs and commit the result:\n${report}`);
  });

  it('document every REST route, worker key and built-in plugin somewhere', async () => {
    const files = await renderDocs();
    const text = (path: string) => files.find((f) => f.path === path)?.after ?? '';
    assert.match(text('docs/rest-api.md'), /### PUT \/connectors\/\{connector\}\/stop/);
    assert.match(text('docs/worker-config.md'), /`tidewater\.embedded\.log\.dir`/);
    assert.match(text('src/transforms/README.md'), /`org\.apache\.kafka\.connect\.transforms\.Cast\$Key` \(record key\)/);
    assert.match(text('connectors/file/README.md'), /`org\.apache\.kafka\.connect\.file\.FileStreamSourceConnector`/);
  });
});

describe('generated sections', () => {
  const render = (id: string) => `body of ${id}`;

  it('replace only the text between their markers', () => {
    const before = `intro\n${block('a', 'old')}\nmiddle\n${block('b', 'old')}\nend\n`;
    const after = fillSections(before, 'f.md', render);
    assert.equal(after, `intro\n${block('a', 'body of a')}\nmiddle\n${block('b', 'body of b')}\nend\n`);
    assert.deepEqual(changedSections(before, after), ['a', 'b']);
    assert.deepEqual(changedSections(after, after), []);
  });

  it('append required sections a file lacks', () => {
    assert.equal(fillSections('# Title\n', 'f.md', render, ['c']), `# Title\n\n${block('c', 'body of c')}\n`);
  });

  it('refuse an opening marker without its closing marker', () => {
    assert.throws(() => sectionIds(`${block('a', 'x')}\n<!-- generated:b -->\nno end\n`, 'f.md'), /f\.md: the generated section "b" has no/);
  });
});

describe('Markdown rendering of Kafka docs', () => {
  it('turns Kafka HTML into Markdown and keeps table cells on one line', () => {
    assert.equal(htmlToMarkdown('One.<p/>Use <code>a$Key</code> for transforms.<alias>.type'), 'One.\n\nUse `a$Key` for transforms.&lt;alias&gt;.type');
    assert.equal(cell('a|b\n\nc'), 'a\\|b<br>c');
  });

  it('takes the first sentence, past abbreviations and missing spaces', () => {
    assert.equal(firstSentence('Cast fields, e.g. to force a width. More.'), 'Cast fields, e.g. to force a width.');
    assert.equal(firstSentence('Convert types.Applies to fields.'), 'Convert types.');
    assert.equal(firstSentence('Set it on the key (<code>a.b.C$Key</code>). More.'), 'Set it on the key (`a.b.C$Key`).');
  });
});
