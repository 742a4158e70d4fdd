/** The embedded topic log: a TopicStore on local disk, used when no `bootstrap.servers` is configured. */
export { EmbeddedTopicStore, type EmbeddedTopicStoreOptions, type PartitionLogStats } from './store.js';
export { KAFKA_LOG_DEFAULTS, type LogDefaults } from './topic-config.js';
export { CorruptRecordError, type ReadResult } from './partition-log.js';
export { CommitFailedError } from './consumer.js';
export { RecordTooLargeError } from './producer.js';
export { murmur2, partitionForKey } from './partitioner.js';
