/**
 * Chooses the topic store for a worker: Kafka when `bootstrap.servers` is set, otherwise the embedded topic
 * log in `tidewater.embedded.log.dir` (Tidewater's default for trying it out without Kafka).
 */
import type { Logger } from 'pino';
import { EmbeddedTopicStore } from './embedded/index.js';
import { KafkajsTopicStore } from './kafkajs/index.js';
import type { TopicStore } from './port.js';

export async function createTopicStore(options: {
  /** The worker's raw properties: bootstrap.servers, client security settings, log.* defaults for embedded. */
  readonly settings: Readonly<Record<string, string>>;
  readonly embeddedDir: string;
  readonly logger: Logger;
}): Promise<TopicStore> {
  const servers = (options.settings['bootstrap.servers'] ?? '').trim();
  if (servers) return new KafkajsTopicStore({ settings: options.settings, logger: options.logger });
  return EmbeddedTopicStore.open({ dataDir: options.embeddedDir, logger: options.logger.child({ component: 'embedded-log' }) });
}
