/**
 * The shared TopicStore conformance suite against the Kafka store (kafkajs) and the test broker.
 *
 * metadata.max.age.ms is lowered from Kafka's 5 minutes: a pattern subscription notices new topics when
 * metadata is refreshed, as in Kafka's Java consumer, and the suite waits at most a minute for that.
 */
import { describeTopicStore } from '../conformance/topic-store.conformance.js';
import { brokerStore } from './kafkajs-support.js';

describeTopicStore('kafka (kafkajs)', async () => {
  const store = await brokerStore({ 'metadata.max.age.ms': '1000' });
  return { store, cleanup: () => store.close() };
});
