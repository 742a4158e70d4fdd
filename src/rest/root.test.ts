import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createRootLogger } from '../observability/logger.js';
import { createRestServer } from './server.js';

const silent = createRootLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const identity = () => ({ version: '9.9.9', commit: 'abc123', kafka_cluster_id: 'cluster-1' });

describe('REST root', () => {
  it('GET / answers with version, commit and kafka_cluster_id like Kafka Connect', async () => {
    const app = createRestServer({ logger: silent, identity });
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.json(), { version: '9.9.9', commit: 'abc123', kafka_cluster_id: 'cluster-1' });
    await app.close();
  });

  it('unknown routes get 404 in the {error_code, message} shape, as Kafka Connect 3.9.1 answers them', async () => {
    const app = createRestServer({ logger: silent, identity });
    const res = await app.inject({ method: 'GET', url: '/no/such/route' });
    assert.equal(res.statusCode, 404);
    // Jersey's own 404: no Content-Type header, and no method or path in the message.
    assert.equal(res.headers['content-type'], undefined);
    assert.deepEqual(res.json(), { error_code: 404, message: 'HTTP 404 Not Found' });
    await app.close();
  });
});
