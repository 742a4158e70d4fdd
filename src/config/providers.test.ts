import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { providersFromWorkerConfig, resolveConfig, scrubSecrets } from './providers.js';

describe('config providers', () => {
  it('resolves ${env:…}, ${file:path:key} and ${directory:path:file}, and reports what came from them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'providers-'));
    writeFileSync(join(dir, 'secrets.properties'), 'db.password=s3cr3t-pw\n');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'token'), 'tok-123');
    process.env.TIDEWATER_TEST_USER = 'cdc';
    const providers = providersFromWorkerConfig({
      'config.providers': 'env,file,directory',
      'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
      'config.providers.directory.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
    });
    const resolved = resolveConfig(
      {
        user: '${env:TIDEWATER_TEST_USER}',
        password: `\${file:${join(dir, 'secrets.properties')}:db.password}`,
        token: `\${directory:${join(dir, 'keys')}:token}`,
        other: '${secrets:jdbc:password}',
        plain: 'x',
      },
      providers,
    );
    assert.deepEqual(resolved.config, { user: 'cdc', password: 's3cr3t-pw', token: 'tok-123', other: '${secrets:jdbc:password}', plain: 'x' });
    assert.deepEqual([...resolved.secrets].sort(), ['cdc', 's3cr3t-pw', 'tok-123']);
    assert.deepEqual([...resolved.resolvedKeys].sort(), ['password', 'token', 'user']);
  });

  it('refuses paths outside allowed.paths', () => {
    const providers = providersFromWorkerConfig({
      'config.providers': 'file',
      'config.providers.file.class': 'FileConfigProvider',
      'config.providers.file.param.allowed.paths': '/nonexistent/allowed',
    });
    assert.throws(() => resolveConfig({ a: '${file:/etc/passwd:root}' }, providers), /is not allowed/);
  });
});

describe('scrubSecrets', () => {
  it('hides standalone occurrences and leaves names that merely contain the secret alone', () => {
    const text = 'FATAL: password authentication failed for user "postgres" (io.debezium.connector.postgresql.PostgresConnector, password=postgres)';
    assert.equal(
      scrubSecrets(text, ['postgres']),
      'FATAL: password authentication failed for user "[hidden]" (io.debezium.connector.postgresql.PostgresConnector, password=[hidden])',
    );
  });

  it('hides longer secrets first and ignores secrets shorter than three characters', () => {
    assert.equal(scrubSecrets('key=abc-def ab', ['abc', 'abc-def', 'ab']), 'key=[hidden] ab');
  });
});
