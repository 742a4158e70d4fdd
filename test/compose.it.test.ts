import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { repoRoot } from './env/paths.js';
import { loadCompose, type ComposeProject, type ComposeService } from './env/tools/compose-check.js';

/** The host ports the README's Docker Compose table lists, per service. */
function readmePorts(): Record<string, string[]> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Docker Compose'), readme.indexOf('## Running the test services'));
  const rows = section.split('\n').filter((l) => /^\| [a-z-]+ \|/.test(l) && !l.startsWith('| service'));
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split('|').map((c) => c.trim());
      return [cells[1] ?? '', (cells[3] ?? '').split(',').map((p) => p.trim())];
    }),
  );
}

const published = (s: ComposeService | undefined) => (s?.ports ?? []).map((p) => p.published).sort();
const commandOf = (s: ComposeService | undefined) => (s?.command ?? []).join(' ');

describe('docker-compose.yml for users', () => {
  let project: ComposeProject;

  before(async () => {
    const result = await loadCompose(join(repoRoot, 'docker-compose.yml'));
    assert.equal(result.error, '', 'compose-go (the docker compose loader) rejected the file');
    assert.ok(result.project);
    project = result.project;
  });

  it('defines exactly the services the README lists, with the same host ports', () => {
    const listed = readmePorts();
    assert.deepEqual(Object.keys(project.services).sort(), Object.keys(listed).sort());
    for (const [name, ports] of Object.entries(listed)) {
      assert.deepEqual(published(project.services[name]), [...ports].sort(), `host ports of ${name}`);
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(project.services)) {
      if (service.build) continue;
      assert.match(service.image ?? '', /:[\w.-]+$/, `${name} has no image tag`);
      assert.doesNotMatch(service.image ?? '', /:latest$/, `${name} uses :latest`);
    }
  });

  it('configures each database for change data capture', () => {
    assert.match(commandOf(project.services.postgres), /wal_level=logical/);
    const mysql = commandOf(project.services.mysql);
    for (const flag of ['--binlog-format=ROW', '--binlog-row-image=FULL', '--gtid-mode=ON', '--enforce-gtid-consistency=ON']) {
      assert.ok(mysql.includes(flag), `mysql lacks ${flag}`);
    }
    assert.match(commandOf(project.services.mongodb), /--replSet rs0/);
  });

  it('runs Kafka in KRaft mode and Elasticsearch as a single node without security', () => {
    assert.equal(project.services.kafka?.environment?.KAFKA_PROCESS_ROLES, 'broker,controller');
    assert.equal(project.services.elasticsearch?.environment?.['discovery.type'], 'single-node');
    assert.equal(project.services.elasticsearch?.environment?.['xpack.security.enabled'], 'false');
  });

  it('builds Tidewater from the Dockerfile in the repository', () => {
    const tidewater = project.services.tidewater;
    assert.equal(tidewater?.build?.context, repoRoot.replace(/\/$/, ''));
    assert.equal(tidewater?.build?.dockerfile, 'Dockerfile');
    assert.ok(existsSync(join(repoRoot, 'Dockerfile')));
    assert.ok(tidewater?.environment !== undefined);
  });

  it('is checked by a loader that rejects what docker compose rejects', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
    writeFileSync(bad, 'services:\n  db:\n    image: postgres:17\n    portz: ["5432:5432"]\n');
    const result = await loadCompose(bad);
    assert.equal(result.ok, false);
    assert.match(result.error, /services\.db.*portz/);
  });
});
