/**
 * KIP-875 offset management for `GET|PATCH|DELETE /connectors/{name}/offsets`. Source offsets live in the
 * worker's offset store; sink offsets are the consumer group `connect-<name>`'s committed offsets, shown as
 * `{kafka_topic, kafka_partition}` → `{kafka_offset}`. Changes require the STOPPED state.
 */
import { BadRequestError } from '../api/errors.js';
import type { Connector, RawConfig, SinkConnector, SourceConnector } from '../api/connector.js';
import type { TopicPartition } from '../api/offsets.js';
import type { TopicAdmin } from '../kafka/port.js';
import type { OffsetStore } from '../storage/offset-store.js';
import type { ConnectorOffsets } from './herder.js';

export const ALTERED = 'The offsets for this connector have been altered successfully';
export const RESET = 'The offsets for this connector have been reset successfully';
const EXTERNALLY =
  ' However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.';

export function requireStopped(name: string, stopped: boolean): void {
  if (!stopped) {
    throw new BadRequestError(
      `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
    );
  }
}

export const sinkGroup = (name: string) => `connect-${name}`;

export async function readOffsets(kind: 'source' | 'sink', name: string, store: OffsetStore, admin: TopicAdmin): Promise<ConnectorOffsets> {
  if (kind === 'source') {
    return { offsets: store.list(name).map((o) => ({ partition: o.partition, offset: o.offset })) };
  }
  const committed = await admin.listGroupOffsets(sinkGroup(name));
  return {
    offsets: committed.map((o) => ({
      // Kafka's partition is a HashMap: it serializes kafka_partition before kafka_topic.
      partition: { kafka_partition: o.partition, kafka_topic: o.topic },
      offset: { kafka_offset: o.offset },
    })),
  };
}

function sinkPartition(partition: Readonly<Record<string, unknown>>): TopicPartition {
  const topic = partition.kafka_topic;
  const number = partition.kafka_partition;
  if (typeof topic !== 'string' || typeof number !== 'number' || !Number.isInteger(number)) {
    throw new BadRequestError('Failed to find partition information for sink connector offsets: partitions must have a string kafka_topic and an integer kafka_partition');
  }
  return { topic, partition: number };
}

function sinkOffset(offset: Readonly<Record<string, unknown>> | null): number | null {
  if (offset === null) return null;
  const value = offset.kafka_offset;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new BadRequestError('Failed to find offset information for sink connector offsets: kafka_offset must be a non-negative integer');
  }
  return value;
}

/**
 * Writes (or, with reset, removes) offsets. Resolves with Kafka's message; when the connector said it does
 * not manage its own offsets (alterOffsets returned false), the message adds Kafka's caveat.
 */
export async function writeOffsets(options: {
  kind: 'source' | 'sink';
  name: string;
  config: RawConfig;
  connector: Connector;
  offsets: ConnectorOffsets | 'reset';
  store: OffsetStore;
  admin: TopicAdmin;
}): Promise<string> {
  const { kind, name, config, connector, store, admin } = options;
  const reset = options.offsets === 'reset';
  const current = await readOffsets(kind, name, store, admin);
  const entries = reset ? current.offsets.map((o) => ({ partition: o.partition, offset: null })) : (options.offsets as ConnectorOffsets).offsets;
  if (!reset && entries.length === 0) throw new BadRequestError('Offsets to alter must be specified in the request body');
  let managed: boolean;
  if (kind === 'source') {
    const byKey = new Map(entries.map((e) => [JSON.stringify(e.partition), e.offset]));
    managed = (await (connector as SourceConnector).alterOffsets?.(config, byKey)) ?? false;
    await store.set(name, entries.map((e) => ({ partition: e.partition, offset: e.offset })));
  } else {
    const changes = entries.map((e) => ({ ...sinkPartition(e.partition), offset: sinkOffset(e.offset) }));
    managed = (await (connector as SinkConnector).alterOffsets?.(config, new Map(changes.map((c) => [{ topic: c.topic, partition: c.partition }, c.offset])))) ?? false;
    await admin.alterGroupOffsets(sinkGroup(name), changes);
  }
  const base = reset ? RESET : ALTERED;
  return managed ? base : `The Connect framework-managed offsets for this connector have been ${reset ? 'reset' : 'altered'} successfully.${EXTERNALLY}`;
}
