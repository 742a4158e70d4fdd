/** The Kafka TopicStore adapter over kafkajs. */
export { KafkajsTopicStore, type KafkajsTopicStoreOptions } from './store.js';
export { parseJaasConfig, type JaasEntry } from './security.js';
