/**
 * Throughput of the embedded log (a measurement, not a test): produces records in batches, then consumes
 * them back through a group consumer, and prints records/s for each.
 *
 *   node --import tsx src/kafka/embedded/throughput.bench.ts [records=1000000] [valueBytes=200] [batch=500]
 *     [sendsInFlight=8] [flushMessages=never]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProducedRecord } from '../port.js';
import { EmbeddedTopicStore } from './store.js';

async function main(): Promise<void> {
  const [total = 1_000_000, valueBytes = 200, batchSize = 500, sendsInFlight = 8, flushMessages = Number.MAX_SAFE_INTEGER] = process.argv
    .slice(2)
    .map(Number);
  const dataDir = await mkdtemp(join(tmpdir(), 'tidewater-bench-'));
  const store = await EmbeddedTopicStore.open({ dataDir, log: { flushMessages } });
  try {
    await store.admin().createTopics([{ name: 'bench', partitions: 1 }]);
    const producer = store.producer({ clientId: 'bench' });
    const value = Buffer.alloc(valueBytes, 'x');
    const batch: ProducedRecord[] = Array.from({ length: batchSize }, () => ({
      topic: 'bench',
      partition: null,
      key: null,
      value,
      headers: [],
      timestamp: null,
    }));
    const produceStart = process.hrtime.bigint();
    // Keep a few sends in flight, as a source task's producer may.
    const inFlight: Promise<unknown>[] = [];
    for (let sent = 0; sent < total; sent += batchSize) {
      inFlight.push(producer.send(batch));
      if (inFlight.length >= sendsInFlight) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const produceSeconds = Number(process.hrtime.bigint() - produceStart) / 1e9;

    const consumer = store.consumer({ groupId: 'bench', clientId: 'bench', autoOffsetReset: 'earliest', maxPollRecords: 500 });
    await consumer.subscribe({ topics: ['bench'] }, { onAssigned: async () => {}, onRevoked: async () => {} });
    const consumeStart = process.hrtime.bigint();
    let consumed = 0;
    while (consumed < total) consumed += (await consumer.poll(1000)).length;
    const consumeSeconds = Number(process.hrtime.bigint() - consumeStart) / 1e9;
    const bytes = store.logStats().reduce((sum, s) => sum + s.sizeBytes, 0);
    process.stdout.write(
      `${JSON.stringify({
        records: total,
        valueBytes,
        batchSize,
        sendsInFlight,
        fsync: flushMessages < Number.MAX_SAFE_INTEGER ? `every ${flushMessages} records` : 'never',
        logBytes: bytes,
        produceRecordsPerSecond: Math.round(total / produceSeconds),
        consumeRecordsPerSecond: Math.round(consumed / consumeSeconds),
      })}\n`,
    );
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
