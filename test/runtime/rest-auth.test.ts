/**
 * REST protection turned on from worker properties, as Kafka Connect users configure it: basic auth through
 * rest.extension.classes and a JAAS file, or a bearer token from a config provider.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BASIC_AUTH_EXTENSION } from '../../src/runtime/rest-auth-config.js';
import { removeDir, startTestWorker, tempDir } from './support/worker.js';

async function get(url: string, authorization?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/connectors`, authorization ? { headers: { authorization } } : {});
  return { status: res.status, body: await res.text() };
}

describe('REST API protection from worker properties', () => {
  it('asks for basic credentials from the JAAS PropertyFileLoginModule file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'users.properties'), 'admin: s3cret\n');
    writeFileSync(join(dir, 'connect.jaas'), `KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required file="${join(dir, 'users.properties')}";\n};\n`);
    const w = await startTestWorker({ dir, properties: { 'rest.extension.classes': BASIC_AUTH_EXTENSION, 'tidewater.rest.jaas.config': join(dir, 'connect.jaas') } });
    try {
      assert.deepEqual(await get(w.url), { status: 401, body: 'User cannot access the resource.' });
      assert.deepEqual(await get(w.url, `Basic ${Buffer.from('admin:wrong').toString('base64')}`), { status: 401, body: 'User cannot access the resource.' });
      assert.deepEqual(await get(w.url, `Basic ${Buffer.from('admin:s3cret').toString('base64')}`), { status: 200, body: '[]' });
    } finally {
      await w.stop();
      removeDir(dir);
    }
  });

  it('takes a bearer token through a ${file:…} reference resolved by the worker\'s config providers', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secrets.properties'), 'rest.token=t0ken-from-file\n');
    const w = await startTestWorker({
      dir,
      properties: {
        'config.providers': 'file',
        'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
        'tidewater.rest.auth.bearer.token': `\${file:${join(dir, 'secrets.properties')}:rest.token}`,
      },
    });
    try {
      assert.equal((await get(w.url)).status, 401);
      assert.deepEqual(await get(w.url, 'Bearer t0ken-from-file'), { status: 200, body: '[]' });
    } finally {
      await w.stop();
      removeDir(dir);
    }
  });
});
