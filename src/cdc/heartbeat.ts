/**
 * Debezium heartbeats (`heartbeat.interval.ms`): a record on `__debezium-heartbeat.<prefix>` carrying the
 * connector's current offset, so the offset (and with it the database position) moves on while the captured
 * tables are quiet. `heartbeat.action.query` is run by the adapter before each heartbeat.
 */
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';

export const HEARTBEAT_KEY_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.ServerNameKey')
  .version(1)
  .field('serverName', Schemas.STRING)
  .build();

export const HEARTBEAT_VALUE_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.Heartbeat')
  .version(1)
  .field('ts_ms', Schemas.INT64)
  .build();

/** A heartbeat record, always on partition 0; none (null) while the connector has no offset yet. */
export function heartbeatRecord(options: {
  topic: string;
  serverName: string;
  partition: SourcePartition;
  offset: SourceOffset;
  nowMs: number;
}): SourceRecord | null {
  if (Object.keys(options.offset).length === 0) return null;
  return sourceRecord({
    topic: options.topic,
    kafkaPartition: 0,
    keySchema: HEARTBEAT_KEY_SCHEMA,
    key: new Struct(HEARTBEAT_KEY_SCHEMA).putUnchecked(0, options.serverName),
    valueSchema: HEARTBEAT_VALUE_SCHEMA,
    value: new Struct(HEARTBEAT_VALUE_SCHEMA).putUnchecked(0, options.nowMs),
    sourcePartition: options.partition,
    sourceOffset: options.offset,
  });
}

/** Decides when the next heartbeat is due (0 = heartbeats off). */
export class HeartbeatClock {
  private last = Date.now();

  constructor(private readonly intervalMs: number) {}

  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  /** True (and resets the clock) when strictly more than the interval passed since the last one. */
  due(now = Date.now()): boolean {
    if (!this.enabled || now - this.last <= this.intervalMs) return false;
    this.last = now;
    return true;
  }
}
