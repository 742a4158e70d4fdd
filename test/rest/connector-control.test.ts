/**
 * Restart, pause, resume, stop and KIP-875 offsets. Expected responses are those of real Kafka Connect
 * 3.9.1 for the same requests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertObserved, createFileSource, empty, error, json, jsonRequest, testServer } from './helpers.js';

const WORKER = '127.0.0.1:18083';
const status = (connector: string, task: string) =>
  json(202, { name: 'twp-a', connector: { state: connector, worker_id: WORKER }, tasks: [{ id: 0, state: task, worker_id: WORKER }], type: 'source' });
const NOT_STOPPED =
  "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/twp-a/stop' endpoint";

describe('POST /connectors/{name}/restart', () => {
  it('without flags (or with false, empty or non-boolean values) restarts the connector only: 204', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    for (const q of ['', '?includeTasks=false&onlyFailed=false', '?includeTasks=yes', '?includeTasks=']) {
      assertObserved(await app.inject({ method: 'POST', url: `/connectors/twp-a/restart${q}` }), empty(204), q);
    }
    assertObserved(await app.inject(jsonRequest('POST', '/connectors/twp-a/restart', {})), empty(204), 'with a JSON body');
  });

  it('with includeTasks (any case) answers 202 with the RESTARTING status', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/restart?includeTasks=true' }), status('RESTARTING', 'RESTARTING'));
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/restart?includeTasks=TRUE' }), status('RESTARTING', 'RESTARTING'));
  });

  it('with onlyFailed restarts nothing that is running, and failed tasks when includeTasks', async () => {
    const { app, herder } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/restart?onlyFailed=true' }), status('RUNNING', 'RUNNING'));
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/restart?includeTasks=true&onlyFailed=true' }), status('RUNNING', 'RUNNING'));
    herder.failTask('twp-a', 0, 'java.lang.RuntimeException: boom');
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/restart?includeTasks=true&onlyFailed=true' }), status('RUNNING', 'RESTARTING'));
  });

  it('answers an unknown connector with 404', async () => {
    const { app } = testServer();
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/nope/restart?includeTasks=true' }), error(404, 'Unknown connector: nope'));
  });
});

describe('POST /connectors/{name}/tasks/{task}/restart', () => {
  it('restarts a task (204) and answers 404 for an unknown one', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/tasks/0/restart' }), empty(204));
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/tasks/7/restart' }), error(404, 'Task twp-a-7 not found'));
  });
});

describe('PUT /connectors/{name}/pause|resume|stop', () => {
  it('pause and resume answer 202 with an empty body; stop answers 204', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    const paused = await app.inject({ method: 'PUT', url: '/connectors/twp-a/pause' });
    assertObserved(paused, empty(202));
    assert.equal(paused.headers['content-length'], '0');
    assert.equal((await app.inject('/connectors/twp-a/status')).json<{ connector: { state: string } }>().connector.state, 'PAUSED');
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-a/resume' }), empty(202));
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-a/stop' }), empty(204));
    assertObserved(
      await app.inject('/connectors/twp-a/status'),
      json(200, { name: 'twp-a', connector: { state: 'STOPPED', worker_id: WORKER }, tasks: [], type: 'source' }),
    );
    assert.deepEqual((await app.inject('/connectors/twp-a')).json<{ tasks: unknown[] }>().tasks, []);
    assertObserved(await app.inject('/connectors/twp-a/tasks'), json(200, []));
  });

  it('answers unknown connectors as Kafka 3.9.1 does (404 for pause/resume; its herder makes stop a 500)', async () => {
    const { app } = testServer();
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/nope/pause' }), error(404, 'Unknown connector nope'));
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/nope/resume' }), error(404, 'Unknown connector nope'));
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/nope/stop' }), error(500, 'No connector `nope` configured'));
  });

  it('answers 500 "Request timed out" when the herder takes longer than the request timeout', async () => {
    const { app, herder } = testServer({ requestTimeoutMs: 30 });
    await createFileSource(app, 'twp-a');
    const release = herder.hold();
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-a/pause' }), error(500, 'Request timed out'));
    release();
  });
});

describe('/connectors/{name}/offsets (KIP-875)', () => {
  const OFFSETS = { offsets: [{ partition: { filename: '/tmp/twprobe.txt' }, offset: { position: 2 } }] };

  it('refuses to alter or reset the offsets of a connector that is not STOPPED (400)', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject(jsonRequest('PATCH', '/connectors/twp-a/offsets', OFFSETS)), error(400, NOT_STOPPED));
    assertObserved(await app.inject({ method: 'DELETE', url: '/connectors/twp-a/offsets' }), error(400, NOT_STOPPED));
  });

  it('alters, reads and resets the offsets of a stopped connector', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    await app.inject({ method: 'PUT', url: '/connectors/twp-a/stop' });
    assertObserved(await app.inject('/connectors/twp-a/offsets'), json(200, { offsets: [] }));
    const altered = json(200, { message: 'The offsets for this connector have been altered successfully' });
    assertObserved(await app.inject(jsonRequest('PATCH', '/connectors/twp-a/offsets', OFFSETS)), altered);
    assertObserved(await app.inject('/connectors/twp-a/offsets'), json(200, OFFSETS));
    const removal = { offsets: [{ partition: { filename: '/tmp/twprobe.txt' }, offset: null }] };
    assertObserved(await app.inject(jsonRequest('PATCH', '/connectors/twp-a/offsets', removal)), altered);
    assertObserved(await app.inject('/connectors/twp-a/offsets'), json(200, { offsets: [] }));
    await app.inject(jsonRequest('PATCH', '/connectors/twp-a/offsets', OFFSETS));
    assertObserved(
      await app.inject({ method: 'DELETE', url: '/connectors/twp-a/offsets' }),
      json(200, { message: 'The offsets for this connector have been reset successfully' }),
    );
    assertObserved(await app.inject('/connectors/twp-a/offsets'), json(200, { offsets: [] }));
  });

  it('answers bad bodies as Kafka does: 400 without offsets, 500 for unmappable ones', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    await app.inject({ method: 'PUT', url: '/connectors/twp-a/stop' });
    const patch = (body: unknown) => app.inject(jsonRequest('PATCH', '/connectors/twp-a/offsets', body));
    const none = error(400, 'Partitions / offsets need to be provided for an alter offsets request');
    assertObserved(await patch({}), none);
    assertObserved(await patch({ offsets: [] }), none);
    assertObserved(await patch({ offsets: [{ offset: { position: 1 } }] }), error(500, 'Partition objects cannot be null'));
    assertObserved(
      await patch({ offsets: [{ partition: { filename: 'f' }, offset: { position: 2 }, x: 1 }] }),
      error(500, 'Unrecognized field "x" in ConnectorOffset (2 known properties: "partition", "offset")'),
    );
    assertObserved(await patch({ offsets: 'x' }), error(500, 'Cannot deserialize ConnectorOffsets: "offsets" must be a JSON array, found a JSON string'));
    assertObserved(await patch({ offsets: [{ partition: 'p' }] }), error(500, 'Cannot deserialize ConnectorOffset: "partition" must be a JSON object, found a JSON string'));
    assertObserved(await patch({ offsets: [{ partition: {}, offset: 3 }] }), error(500, 'Cannot deserialize ConnectorOffset: "offset" must be a JSON object or null, found a JSON number'));
    assertObserved(await patch(undefined), error(500, 'The request body is empty; expected ConnectorOffsets as a JSON object'));
  });

  it('answers unknown connectors with 404', async () => {
    const { app } = testServer();
    assertObserved(
      await app.inject(jsonRequest('PATCH', '/connectors/nope/offsets', { offsets: [{ partition: { a: 1 }, offset: { b: 2 } }] })),
      error(404, 'Connector nope not found'),
    );
    assertObserved(await app.inject({ method: 'DELETE', url: '/connectors/nope/offsets' }), error(404, 'Connector nope not found'));
  });
});
