import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useService } from '../env/index.js';
import { kafkaClient } from '../env/services/kafka.js';
import { within } from '../support/timeout.js';

describe('Apache Kafka test service', () => {
  it('creates a topic, then produces and consumes a record with kafkajs', async () => {
    const info = await useService('kafka');
    const topic = `smoke-${process.pid}-${Date.now()}`;
    const client = kafkaClient('tidewater-smoke');
    const admin = client.admin();
    const producer = client.producer({ allowAutoTopicCreation: false });
    const consumer = client.consumer({ groupId: `${topic}-group` });
    await admin.connect();
    try {
      assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true }), true);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      assert.equal(metadata.topics[0]?.partitions.length, 2);

      await producer.connect();
      const [ack] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'k1', value: 'hello tidewater', headers: { source: 'smoke' }, partition: 1 }],
      });
      assert.equal(ack?.errorCode, 0);
      assert.equal(ack?.baseOffset, '0');

      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      type Received = { partition: number; offset: string; key?: string; value?: string; header?: string };
      const arrival = new Promise<Received>((resolve, reject) => {
          consumer
            .run({
              eachMessage: async ({ partition, message }) =>
                resolve({
                  partition,
                  offset: message.offset,
                  key: message.key?.toString(),
                  value: message.value?.toString(),
                  header: message.headers?.source?.toString(),
                }),
            })
            .catch(reject);
      });
      const received = await within(arrival, 30_000, 'the produced record to be consumed');
      assert.deepEqual(received, { partition: 1, offset: '0', key: 'k1', value: 'hello tidewater', header: 'smoke' });
      const cluster = await admin.describeCluster();
      assert.equal(cluster.clusterId, info.clusterId);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
