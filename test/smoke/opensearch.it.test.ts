import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useService } from '../env/index.js';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** One REST call with Node's fetch; `body` is sent as JSON unless it is already a string (NDJSON). */
async function call(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A fresh, lowercase index name per test, deleted afterwards. */
function indexName(what: string): string {
  return `smoke-${what}-${process.pid}-${Date.now()}`;
}

async function dropIndex(url: string, index: string): Promise<void> {
  const answer = await call('DELETE', `${url}/${index}`).catch(() => undefined);
  assert.ok(!answer || answer.status === 200 || answer.status === 404, `deleting ${index}: ${JSON.stringify(answer)}`);
}

interface SearchBody {
  hits: { total: { value: number }; hits: { _id: string; _source: unknown }[] };
}

interface BulkBody {
  errors: boolean;
  items: Record<string, { _id: string; status: number; result: string }>[];
}

describe('OpenSearch 2.19.1 test service', () => {
  it('reports the opensearch distribution and version 2.19.1 at its root', async () => {
    const info = await useService('opensearch');
    const root = await call('GET', `${info.url}/`);
    assert.equal(root.status, 200);
    const version = (root.body as { version: { distribution: string; number: string } }).version;
    assert.deepEqual({ distribution: version.distribution, number: version.number }, { distribution: 'opensearch', number: '2.19.1' });
  });

  it('indexes a document and finds it by a match query', async () => {
    const info = await useService('opensearch');
    const index = indexName('match');
    const doc = { title: 'Tidewater change events', table: 'public.orders', lsn: 4242 };
    try {
      const put = await call('PUT', `${info.url}/${index}/_doc/1?refresh=true`, doc);
      assert.equal(put.status, 201, JSON.stringify(put.body));
      assert.equal((put.body as { result: string }).result, 'created');

      const search = await call('POST', `${info.url}/${index}/_search`, { query: { match: { title: 'change' } } });
      assert.equal(search.status, 200, JSON.stringify(search.body));
      const { hits } = search.body as SearchBody;
      assert.equal(hits.total.value, 1);
      assert.equal(hits.hits.length, 1);
      assert.equal(hits.hits[0]?._id, '1');
      assert.deepEqual(hits.hits[0]?._source, doc);
    } finally {
      await dropIndex(info.url, index);
    }
  });

  it('applies a _bulk NDJSON request of two index actions and a delete, in order', async () => {
    const info = await useService('opensearch');
    const index = indexName('bulk');
    const lines = [
      { index: { _index: index, _id: 'a' } },
      { name: 'first' },
      { index: { _index: index, _id: 'b' } },
      { name: 'second' },
      { delete: { _index: index, _id: 'a' } },
    ];
    const ndjson = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
    try {
      const bulk = await call('POST', `${info.url}/_bulk?refresh=true`, ndjson, 'application/x-ndjson');
      assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
      const body = bulk.body as BulkBody;
      assert.equal(body.errors, false);
      assert.deepEqual(
        body.items.map((item) => {
          const [action, result] = Object.entries(item)[0] ?? [];
          return { action, id: result?._id, status: result?.status, result: result?.result };
        }),
        [
          { action: 'index', id: 'a', status: 201, result: 'created' },
          { action: 'index', id: 'b', status: 201, result: 'created' },
          { action: 'delete', id: 'a', status: 200, result: 'deleted' },
        ],
      );

      const search = await call('POST', `${info.url}/${index}/_search`, { query: { match_all: {} } });
      assert.equal(search.status, 200, JSON.stringify(search.body));
      const { hits } = search.body as SearchBody;
      assert.deepEqual(
        hits.hits.map((hit) => ({ id: hit._id, source: hit._source })),
        [{ id: 'b', source: { name: 'second' } }],
      );
    } finally {
      await dropIndex(info.url, index);
    }
  });
});
