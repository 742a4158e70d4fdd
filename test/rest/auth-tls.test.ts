/**
 * Basic and bearer authentication (inject), and HTTPS listeners over real sockets with certificates made
 * by openssl in the test, exercised with curl. The 401 response is the one Kafka Connect 3.9.1 gives with
 * its BasicAuthSecurityRestExtension (observed on a worker started for the purpose).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/api/errors.js';
import { startRestServer, createRestServer } from '../../src/rest/server.js';
import type { HttpsListenerSettings } from '../../src/rest/tls.js';
import { curl } from './curl.js';
import { HerderDouble } from './herder-double.js';
import { assertObserved, bare, capturingLogger, json, testServer } from './helpers.js';

const IDENTITY = { version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'VGlkZXdhdGVyVGVzdHNLQQ' };
const UNAUTHORIZED = { status: 401, type: 'application/json', body: 'User cannot access the resource.' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('basic authentication', () => {
  const server = () => testServer({ auth: { type: 'basic', users: { alice: 'wonderland' } } }).app;

  it("refuses missing or wrong credentials with Kafka's 401 (its bare-text body under a JSON type)", async () => {
    const app = server();
    for (const authorization of [undefined, basic('alice', 'wrong'), basic('bob', 'wonderland'), 'Bearer abc', 'Basic !!!', `Basic ${Buffer.from('alice').toString('base64')}`]) {
      const res = await app.inject({ url: '/connectors', headers: authorization ? { authorization } : {} });
      assertObserved(res, UNAUTHORIZED, String(authorization));
      assert.equal(res.headers['www-authenticate'], undefined);
    }
    assertObserved(await app.inject('/health'), UNAUTHORIZED, 'health is protected too');
    assertObserved(await app.inject({ method: 'OPTIONS', url: '/connectors' }), { ...UNAUTHORIZED, type: 'text/plain' });
  });

  it('accepts the right credentials (scheme in any case)', async () => {
    const app = server();
    assertObserved(await app.inject({ url: '/connectors', headers: { authorization: basic('alice', 'wonderland') } }), json(200, []));
    assertObserved(await app.inject({ url: '/', headers: { authorization: basic('alice', 'wonderland').replace('Basic', 'BASIC') } }), json(200, IDENTITY));
    const options = await app.inject({ method: 'OPTIONS', url: '/connectors', headers: { authorization: basic('alice', 'wonderland') } });
    assert.equal(options.headers.allow, 'HEAD,POST,GET,OPTIONS');
  });

  it('runs after routing, as Kafka\'s filter does: unknown routes and wrong methods answer 404 and 405', async () => {
    const app = server();
    assertObserved(await app.inject('/nope'), bare(404, 'HTTP 404 Not Found'));
    assertObserved(await app.inject({ method: 'DELETE', url: '/' }), bare(405, 'HTTP 405 Method Not Allowed'));
  });
});

describe('bearer authentication', () => {
  it('accepts the token and refuses anything else', async () => {
    const { app } = testServer({ auth: { type: 'bearer', token: 't0ken-value' } });
    assertObserved(await app.inject({ url: '/', headers: { authorization: 'Bearer t0ken-value' } }), json(200, IDENTITY));
    assertObserved(await app.inject({ url: '/', headers: { authorization: 'bearer t0ken-value' } }), json(200, IDENTITY));
    for (const authorization of ['Bearer wrong', 'Bearer', basic('a', 't0ken-value'), '']) {
      assertObserved(await app.inject({ url: '/', headers: { authorization } }), UNAUTHORIZED, authorization);
    }
  });

  it('documents the scheme in the OpenAPI document', async () => {
    const { app } = testServer({ auth: { type: 'bearer', token: 't' } });
    const doc = (await app.inject({ url: '/openapi.json', headers: { authorization: 'Bearer t' } })).json<{
      components: { securitySchemes: unknown };
      security: unknown;
    }>();
    assert.deepEqual(doc.components.securitySchemes, { bearer: { type: 'http', scheme: 'bearer' } });
    assert.deepEqual(doc.security, [{ bearer: [] }]);
  });
});

describe('HTTPS listener (listeners=https://…)', () => {
  let dir = '';
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidewater-rest-tls-'));
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('key.pem'), '-out', file('cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    writeFileSync(file('keystore.pem'), Buffer.concat([readFileSync(file('key.pem')), readFileSync(file('cert.pem'))]));
    openssl('pkcs12', '-export', '-in', file('cert.pem'), '-inkey', file('key.pem'), '-out', file('keystore.p12'), '-passout', 'pass:storepass', '-name', 'rest');
    openssl('pkey', '-in', file('key.pem'), '-aes256', '-passout', 'pass:keypass', '-out', file('encrypted-key.pem'));
    writeFileSync(file('encrypted-keystore.pem'), Buffer.concat([readFileSync(file('encrypted-key.pem')), readFileSync(file('cert.pem'))]));
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('client-key.pem'), '-out', file('client-cert.pem'), '-days', '1', '-subj', '/CN=client');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function serve(https: HttpsListenerSettings, extra: { auth?: { type: 'basic'; users: Record<string, string> } } = {}) {
    return startRestServer({ logger: capturingLogger().logger, herder: new HerderDouble(), listeners: 'https://127.0.0.1:0', https, ...extra });
  }

  it('serves over TLS with a PEM keystore file, and curl trusts it with the certificate', async () => {
    const { app, url } = await serve({ 'ssl.keystore.location': file('keystore.pem') });
    try {
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await curl(['--cacert', file('cert.pem'), `${url}/`]);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(res.body), IDENTITY);
      const created = await curl(['--cacert', file('cert.pem'), '-X', 'PUT', '-H', 'Content-Type: application/json', '-d', '{"connector.class":"FileStreamSource","topic":"t"}', `${url}/connectors/tls/config`]);
      assert.equal(created.status, 201);
      assert.equal(created.headers.location, `${url}/connectors/tls`, 'Location carries the https scheme');
    } finally {
      await app.close();
    }
  });

  it('serves with a PKCS12 keystore, an encrypted PEM key, and inline PEM (Kafka names)', async () => {
    const settings: HttpsListenerSettings[] = [
      { 'ssl.keystore.type': 'PKCS12', 'ssl.keystore.location': file('keystore.p12'), 'ssl.keystore.password': 'storepass' },
      { 'ssl.keystore.location': file('encrypted-keystore.pem'), 'ssl.key.password': 'keypass' },
      { 'ssl.keystore.key': readFileSync(file('key.pem'), 'utf8'), 'ssl.keystore.certificate.chain': readFileSync(file('cert.pem'), 'utf8') },
    ];
    for (const https of settings) {
      const { app, url } = await serve(https);
      try {
        const res = await curl(['--cacert', file('cert.pem'), `${url}/health`]);
        assert.equal(res.status, 200, JSON.stringify(Object.keys(https)));
      } finally {
        await app.close();
      }
    }
  });

  it('combines TLS with basic authentication', async () => {
    const { app, url } = await serve({ 'ssl.keystore.location': file('keystore.pem') }, { auth: { type: 'basic', users: { alice: 'wonderland' } } });
    try {
      const refused = await curl(['--cacert', file('cert.pem'), `${url}/connectors`]);
      assert.equal(refused.status, 401);
      assert.equal(refused.body, 'User cannot access the resource.');
      const accepted = await curl(['--cacert', file('cert.pem'), '-u', 'alice:wonderland', `${url}/connectors`]);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body, '[]');
    } finally {
      await app.close();
    }
  });

  it('requires client certificates with ssl.client.authentication=required', async () => {
    const { app, url } = await serve({
      'ssl.keystore.location': file('keystore.pem'),
      'ssl.truststore.location': file('client-cert.pem'),
      'ssl.client.authentication': 'required',
      'ssl.enabled.protocols': 'TLSv1.2,TLSv1.3',
    });
    try {
      await assert.rejects(curl(['--cacert', file('cert.pem'), `${url}/`]), 'no client certificate');
      const res = await curl(['--cacert', file('cert.pem'), '--cert', file('client-cert.pem'), '--key', file('client-key.pem'), `${url}/`]);
      assert.equal(res.status, 200);
    } finally {
      await app.close();
    }
  });

  it('reads setting values as strings, ignoring case where Kafka does', async () => {
    const { app, url } = await serve({
      'ssl.keystore.type': 'pkcs12',
      'ssl.keystore.location': file('keystore.p12'),
      'ssl.keystore.password': 'storepass',
      'ssl.client.authentication': 'NONE',
      'ssl.endpoint.identification.algorithm': 'https',
    });
    try {
      assert.equal((await curl(['--cacert', file('cert.pem'), `${url}/`])).status, 200);
    } finally {
      await app.close();
    }
  });

  it('refuses JKS, unknown values, an https listener without a keystore, and unknown protocols', () => {
    const logger = capturingLogger().logger;
    const herder = new HerderDouble();
    const https = (settings: HttpsListenerSettings) => () => createRestServer({ logger, herder, listeners: 'https://127.0.0.1:0', https: settings });
    assert.throws(https({ 'ssl.keystore.type': 'JKS', 'ssl.keystore.location': file('keystore.p12') }), /JKS keystores are not supported; use PKCS12 or PEM/);
    assert.throws(
      https({ 'ssl.keystore.location': file('keystore.pem'), 'ssl.client.authentication': 'always' }),
      /Invalid value always for configuration listeners.https.ssl.client.authentication: expected one of none, requested, required/,
    );
  });

  it('refuses an https listener without a keystore, and unknown protocols', () => {
    const logger = capturingLogger().logger;
    const herder = new HerderDouble();
    assert.throws(() => createRestServer({ logger, herder, listeners: 'https://127.0.0.1:0' }), ConfigError);
    assert.throws(
      () => createRestServer({ logger, herder, listeners: 'https://127.0.0.1:0', https: { 'ssl.keystore.location': file('keystore.pem'), 'ssl.enabled.protocols': 'SSLv3' } }),
      /unknown protocol SSLv3/,
    );
  });
});
