import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildInfo } from './version.js';

describe('buildInfo', () => {
  it('reports the version from package.json and a commit id', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const info = buildInfo();
    assert.equal(info.version, pkg.version);
    assert.match(info.commit, /^([0-9a-f]{12}|unknown)$/);
  });
});
