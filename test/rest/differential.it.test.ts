/**
 * Differential: the same requests to real Kafka Connect 3.9.1 (the `connect` service) and to Tidewater's REST
 * server (over the in-memory herder double), compared on status, Content-Type and body, byte for byte.
 * Only requests whose answers do not depend on the worker's state or plugins, and that change nothing on
 * the real worker, are replayed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useService } from '../env/index.js';
import { testServer } from './helpers.js';

interface Probe {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const nope = `tw-rest-diff-${process.pid}`;
const JSON_HEADERS = { 'content-type': 'application/json' };

const PROBES: readonly Probe[] = [
  { method: 'GET', path: '/no/such/route' },
  { method: 'OPTIONS', path: '/no/such/route' },
  { method: 'DELETE', path: '/' },
  { method: 'PUT', path: '/connectors' },
  { method: 'POST', path: `/connectors/${nope}/status` },
  { method: 'PUT', path: '/admin/loggers', headers: JSON_HEADERS, body: '{"level":"INFO"}' },
  { method: 'OPTIONS', path: '/' },
  { method: 'OPTIONS', path: '/connectors' },
  { method: 'OPTIONS', path: `/connectors/${nope}/config` },
  { method: 'OPTIONS', path: `/connectors/${nope}/offsets` },
  { method: 'OPTIONS', path: '/connector-plugins/x/config/validate' },
  { method: 'GET', path: '/connectors', headers: { accept: 'text/plain' } },
  { method: 'POST', path: '/connectors', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{"name":"x"}' },
  { method: 'PUT', path: `/connectors/${nope}/pause`, headers: { 'content-type': 'text/plain' } },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: `/connectors/${nope}` },
  { method: 'GET', path: `/connectors/${nope}/config` },
  { method: 'GET', path: `/connectors/${nope}/status` },
  { method: 'GET', path: `/connectors/${nope}/tasks` },
  { method: 'GET', path: `/connectors/${nope}/tasks-config` },
  { method: 'GET', path: `/connectors/${nope}/tasks/0/status` },
  { method: 'GET', path: `/connectors/${nope}/tasks/abc/status` },
  { method: 'GET', path: `/connectors/${nope}/offsets` },
  { method: 'GET', path: `/connectors/${nope}/topics` },
  { method: 'PUT', path: `/connectors/${nope}/topics/reset` },
  { method: 'PUT', path: `/connectors/${nope}/pause` },
  { method: 'PUT', path: `/connectors/${nope}/resume` },
  { method: 'POST', path: `/connectors/${nope}/restart?includeTasks=true` },
  { method: 'DELETE', path: `/connectors/${nope}` },
  { method: 'DELETE', path: `/connectors/${nope}/offsets` },
  { method: 'PATCH', path: `/connectors/${nope}/offsets`, headers: JSON_HEADERS, body: '{"offsets":[]}' },
  { method: 'PATCH', path: `/connectors/${nope}/config`, headers: JSON_HEADERS, body: '{"a":"b"}' },
  { method: 'POST', path: '/connectors', headers: JSON_HEADERS, body: `{"name":"${nope}","config":{"name":"other"}}` },
  { method: 'PUT', path: `/connectors/${nope}/config`, headers: JSON_HEADERS, body: '{"name":"other"}' },
  { method: 'PUT', path: '/connector-plugins/FileStreamSource/config/validate', headers: JSON_HEADERS, body: '{"connector.class":"FileStreamSink"}' },
  { method: 'GET', path: '/connector-plugins/Nope/config' },
  { method: 'GET', path: '/admin/loggers/org.nope' },
  { method: 'GET', path: '/admin/loggers/ROOT' },
  { method: 'PUT', path: '/admin/loggers/org.tidewater.diff', headers: JSON_HEADERS, body: '{}' },
  { method: 'PUT', path: '/admin/loggers/org.tidewater.diff', headers: JSON_HEADERS, body: '{"level":"bogus"}' },
];

describe('Tidewater REST against real Kafka Connect 3.9.1', () => {
  it('answers state-independent requests identically (status, Content-Type, body)', async () => {
    const connect = await useService('connect');
    const { app } = testServer();
    const differences: string[] = [];
    for (const probe of PROBES) {
      const real = await fetch(`${connect.url}${probe.path}`, {
        method: probe.method,
        headers: probe.headers ?? {},
        ...(probe.body === undefined ? {} : { body: probe.body }),
      });
      const realBody = await real.text();
      const ours = await app.inject({ method: probe.method, url: probe.path, headers: probe.headers ?? {}, ...(probe.body === undefined ? {} : { payload: probe.body }) });
      const a = `${real.status} ${real.headers.get('content-type') ?? '-'} ${realBody}`;
      const b = `${ours.statusCode} ${ours.headers['content-type'] ?? '-'} ${ours.body}`;
      if (a !== b) differences.push(`${probe.method} ${probe.path}\n  Kafka:     ${a}\n  Tidewater: ${b}`);
      const allow = real.headers.get('allow');
      if (allow !== null && allow !== ours.headers.allow) differences.push(`${probe.method} ${probe.path}: Allow ${allow} vs ${String(ours.headers.allow)}`);
    }
    assert.deepEqual(differences, []);
  });
});
