import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BASIC_AUTH_EXTENSION, credentialsFileFromJaas, jaasPathFromKafkaOpts, restAuthFromWorker } from './rest-auth-config.js';

describe('REST protection from worker settings', () => {
  it('reads basic-auth users through KAFKA_OPTS and the JAAS file, as Kafka Connect is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jaas-'));
    writeFileSync(join(dir, 'credentials.properties'), 'admin: s3cret\nviewer: look,only\n');
    writeFileSync(
      join(dir, 'connect.jaas'),
      `KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n  file="${join(dir, 'credentials.properties')}";\n};\n`,
    );
    const auth = restAuthFromWorker({ 'rest.extension.classes': BASIC_AUTH_EXTENSION }, { KAFKA_OPTS: `-Xmx1g -Djava.security.auth.login.config=${join(dir, 'connect.jaas')}` });
    assert.deepEqual(auth, { type: 'basic', users: { admin: 's3cret', viewer: 'look,only' } });
  });

  it('takes a bearer token from a Tidewater setting', () => {
    assert.deepEqual(restAuthFromWorker({ 'tidewater.rest.auth.bearer.token': ' t0ken ' }, {}), { type: 'bearer', token: 't0ken' });
  });

  it('has no protection unless asked', () => {
    assert.equal(restAuthFromWorker({}, {}), undefined);
  });

  it('says where to put the JAAS file when basic auth is enabled without one', () => {
    assert.throws(() => restAuthFromWorker({ 'rest.extension.classes': BASIC_AUTH_EXTENSION }, {}), /needs a JAAS file: set -Djava\.security\.auth\.login\.config=<file> in KAFKA_OPTS or tidewater\.rest\.jaas\.config/);
  });

  it('parses the JAAS path and credentials file option', () => {
    assert.equal(jaasPathFromKafkaOpts('-Djava.security.auth.login.config="/etc/a b.jaas" -Xmx1g'), '/etc/a b.jaas');
    assert.equal(credentialsFileFromJaas('Other { x required; };'), undefined);
  });
});
