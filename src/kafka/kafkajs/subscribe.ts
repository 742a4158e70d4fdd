import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * kafkajs refuses to subscribe while a topic does not exist yet (UNKNOWN_TOPIC_OR_PARTITION) or has no
 * leader, even though its metadata request makes the broker auto-create it. Kafka's Java consumer just waits
 * for such a topic, so this retries (with backoff up to 2 s) until the subscription takes or the consumer
 * is closing.
 */
export async function subscribeWhenTopicsExist(
  consumer: Consumer,
  topics: readonly string[],
  options: { fromBeginning: boolean; isClosing: () => boolean; logger: Logger; groupId: string },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning });
      return;
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (options.isClosing() || (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE')) throw err;
      if (attempt === 0) options.logger.info({ topics, groupId: options.groupId }, 'waiting for subscribed topics to exist');
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 2000)));
    }
  }
}
