import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MongoClient, ObjectId, type ChangeStream, type ChangeStreamDocument, type ChangeStreamOptions } from 'mongodb';
import { useService } from '../env/index.js';
import { within } from '../support/timeout.js';

interface Item {
  _id: ObjectId;
  name: string;
  n: number;
  tags: string[];
  nested: { x: number; y?: string };
}

type ItemEvent = ChangeStreamDocument<Item>;

const DB = 'tidewater_smoke';

/** A fresh collection per test: watched collections are never dropped (a drop would end other streams). */
function collectionName(test: string): string {
  return `${test}_${process.pid}_${Date.now()}`;
}

function item(): Item {
  return { _id: new ObjectId(), name: 'hello tidewater', n: 1, tags: ['a', 'b'], nested: { x: 1 } };
}

/**
 * Opens a change stream on `coll` and waits until the server has its cursor, so writes made after this returns
 * are seen. Then runs `body` and always closes the stream and the client.
 */
async function withStream(
  coll: string,
  options: ChangeStreamOptions,
  body: (client: MongoClient, stream: ChangeStream<Item, ItemEvent>) => Promise<void>,
): Promise<void> {
  const info = await useService('mongodb');
  const client = new MongoClient(info.uri, { serverSelectionTimeoutMS: 5000 });
  let stream: ChangeStream<Item, ItemEvent> | undefined;
  try {
    await client.connect();
    stream = client.db(DB).collection<Item>(coll).watch<Item, ItemEvent>([], { maxAwaitTimeMS: 200, ...options });
    // The first call sends the aggregate (a short empty getMore follows), so the stream exists from here on.
    assert.equal(await within(stream.tryNext(), 10_000, 'the change stream to open'), null);
    await body(client, stream);
  } finally {
    await stream?.close();
    await client.close();
  }
}

const nextEvent = (stream: ChangeStream<Item, ItemEvent>, what: string) => within(stream.next(), 10_000, what);

describe('MongoDB wire-compatible test service', () => {
  it('answers ping and reports MongoDB 5.0 wire version 13, so the mongodb@6 and @7 drivers connect', async () => {
    const info = await useService('mongodb');
    const client = new MongoClient(info.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      const admin = client.db('admin');
      assert.equal((await admin.command({ ping: 1 })).ok, 1);
      const hello = await admin.command({ hello: 1 });
      assert.equal(hello.isWritablePrimary, true);
      assert.equal(hello.maxWireVersion, 13);
    } finally {
      await client.close();
    }
  });

  it('delivers an insert to a collection change stream', async () => {
    const coll = collectionName('insert');
    await withStream(coll, {}, async (client, stream) => {
      const doc = item();
      await client.db(DB).collection<Item>(coll).insertOne(doc);
      const event = await nextEvent(stream, 'the insert event');
      assert.equal(event.operationType, 'insert');
      if (event.operationType !== 'insert') return;
      assert.deepEqual(event.ns, { db: DB, coll });
      assert.deepEqual(event.documentKey, { _id: doc._id });
      assert.deepEqual(event.fullDocument, doc);
      assert.ok(event.wallTime instanceof Date, 'wallTime is a date');
      assert.deepEqual(Object.keys(event).sort(), ['_id', 'clusterTime', 'documentKey', 'fullDocument', 'ns', 'operationType', 'wallTime']);
    });
  });

  it("delivers a $set update with its updateDescription and, with fullDocument: 'updateLookup', the updated document", async () => {
    const coll = collectionName('update');
    const doc = item();
    const info = await useService('mongodb');
    const writer = new MongoClient(info.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await writer.db(DB).collection<Item>(coll).insertOne(doc);
    } finally {
      await writer.close();
    }
    await withStream(coll, { fullDocument: 'updateLookup' }, async (client, stream) => {
      await client.db(DB).collection<Item>(coll).updateOne({ _id: doc._id }, { $set: { n: 2, 'nested.y': 'z' } });
      const event = await nextEvent(stream, 'the update event');
      assert.equal(event.operationType, 'update');
      if (event.operationType !== 'update') return;
      assert.deepEqual(event.ns, { db: DB, coll });
      assert.deepEqual(event.documentKey, { _id: doc._id });
      assert.deepEqual(event.updateDescription.updatedFields, { n: 2, 'nested.y': 'z' });
      assert.deepEqual(event.updateDescription.removedFields, []);
      assert.deepEqual(event.fullDocument, { ...doc, n: 2, nested: { x: 1, y: 'z' } });
    });
  });

  it('delivers a delete with the document key and no document', async () => {
    const coll = collectionName('delete');
    const doc = item();
    await withStream(coll, {}, async (client, stream) => {
      const collection = client.db(DB).collection<Item>(coll);
      await collection.insertOne(doc);
      assert.equal((await nextEvent(stream, 'the insert event')).operationType, 'insert');
      await collection.deleteOne({ _id: doc._id });
      const event = await nextEvent(stream, 'the delete event');
      assert.equal(event.operationType, 'delete');
      if (event.operationType !== 'delete') return;
      assert.deepEqual(event.ns, { db: DB, coll });
      assert.deepEqual(event.documentKey, { _id: doc._id });
      assert.equal('fullDocument' in event, false);
    });
  });
});
