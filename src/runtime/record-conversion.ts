/**
 * Between Connect records and topic bytes: a task's key, value and header converters (the connector's
 * `key.converter`/`value.converter`/`header.converter` with their `.`-prefixed sub-configs, else the
 * worker's), and the conversion of one record in Kafka's stage order, each stage under the task's
 * retry-with-tolerance operator.
 */
import { ConfigError } from '../api/errors.js';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.js';
import { Headers } from '../api/headers.js';
import { sinkRecord, type SinkRecord, type SourceRecord } from '../api/record.js';
import type { ConsumedRecord, ProducedRecord, RawHeader } from '../kafka/port.js';
import { FAILED, type Failed, type RetryWithToleranceOperator, type Stage } from './errors/retry-with-tolerance.js';
import type { PluginRegistry } from './plugins.js';
import { subConfig } from './transformation-chain.js';

export interface RecordConverters {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: HeaderConverter;
  readonly keyClass: string;
  readonly valueClass: string;
  readonly headerClass: string;
}

const SIMPLE_HEADER_CONVERTER = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';

type Raw = Readonly<Record<string, string>>;

/** Which config (connector first, then worker) names the converter, with its sub-config. */
function converterSource(connector: Raw, worker: Raw, key: string): { className: string; config: Record<string, string> } | undefined {
  for (const config of [connector, worker]) {
    const className = config[key]?.trim();
    if (className) return { className, config: subConfig(config, `${key}.`) };
  }
  return undefined;
}

export function createConverters(plugins: PluginRegistry, connector: Raw, worker: Raw): RecordConverters {
  const make = (key: 'key.converter' | 'value.converter', isKey: boolean): [Converter, string] => {
    const source = converterSource(connector, worker, key);
    if (!source) throw new ConfigError(`Missing required configuration "${key}" which has no default value.`, { key });
    const plugin = plugins.converter(source.className);
    if (!plugin) throw ConfigError.invalid(key, source.className, `Class ${source.className} could not be found.`);
    const converter = plugin.create();
    converter.configure(source.config, isKey);
    return [converter, plugin.className];
  };
  const [key, keyClass] = make('key.converter', true);
  const [value, valueClass] = make('value.converter', false);
  const headerSource = converterSource(connector, worker, 'header.converter') ?? { className: SIMPLE_HEADER_CONVERTER, config: {} };
  const headerPlugin = plugins.headerConverter(headerSource.className);
  if (!headerPlugin) throw ConfigError.invalid('header.converter', headerSource.className, `Class ${headerSource.className} could not be found.`);
  const header = headerPlugin.create();
  header.configure(headerSource.config);
  return { key, value, header, keyClass, valueClass, headerClass: headerPlugin.className };
}

/** Runs stages in order on the sync fast path, switching to awaiting only if a stage needed the slow path. */
function runStages<T>(
  steps: ReadonlyArray<() => unknown>,
  operator: RetryWithToleranceOperator,
  stages: readonly [Stage, string][],
  record: { consumed?: ConsumedRecord; source?: SourceRecord },
  finish: (results: unknown[]) => T,
): T | Failed | Promise<T | Failed> {
  const results: unknown[] = [];
  for (let i = 0; i < steps.length; i++) {
    const [stage, cls] = stages[i] as [Stage, string];
    const result = operator.execute(stage, cls, steps[i] as () => unknown, record);
    if (result instanceof Promise) return continueAsync(result, i, steps, operator, stages, record, results, finish);
    if (result === FAILED) return FAILED;
    results.push(result);
  }
  return finish(results);
}

async function continueAsync<T>(
  pending: Promise<unknown>,
  index: number,
  steps: ReadonlyArray<() => unknown>,
  operator: RetryWithToleranceOperator,
  stages: readonly [Stage, string][],
  record: { consumed?: ConsumedRecord; source?: SourceRecord },
  results: unknown[],
  finish: (results: unknown[]) => T,
): Promise<T | Failed> {
  let result = await pending;
  for (let i = index; ; i++) {
    if (result === FAILED) return FAILED;
    results.push(result);
    if (i + 1 >= steps.length) return finish(results);
    const [stage, cls] = stages[i + 1] as [Stage, string];
    result = await operator.execute(stage, cls, steps[i + 1] as () => unknown, record);
  }
}

/** A transformed source record as topic bytes: headers, then key, then value (Kafka's order). */
export function toProducedRecord(
  record: SourceRecord,
  converters: RecordConverters,
  operator: RetryWithToleranceOperator,
): ProducedRecord | Failed | Promise<ProducedRecord | Failed> {
  const { topic } = record;
  return runStages(
    [
      () => {
        const out: RawHeader[] = [];
        for (const h of record.headers) out.push({ key: h.key, value: converters.header.fromConnectHeader(topic, h.key, h.schema, h.value) });
        return out;
      },
      () => converters.key.fromConnectData(topic, record.headers, record.keySchema, record.key),
      () => converters.value.fromConnectData(topic, record.headers, record.valueSchema, record.value),
    ],
    operator,
    [
      ['HEADER_CONVERTER', converters.headerClass],
      ['KEY_CONVERTER', converters.keyClass],
      ['VALUE_CONVERTER', converters.valueClass],
    ],
    { source: record },
    ([headers, key, value]) => ({
      topic,
      partition: record.kafkaPartition,
      key: key as Uint8Array | null,
      value: value as Uint8Array | null,
      headers: headers as RawHeader[],
      timestamp: record.timestamp,
    }),
  );
}

/** A consumed record as a SinkRecord: key, then value, then headers (Kafka's order). */
export function toSinkRecord(
  consumed: ConsumedRecord,
  converters: RecordConverters,
  operator: RetryWithToleranceOperator,
): SinkRecord | Failed | Promise<SinkRecord | Failed> {
  const { topic } = consumed;
  return runStages(
    [
      () => converters.key.toConnectData(topic, null, consumed.key),
      () => converters.value.toConnectData(topic, null, consumed.value),
      () => {
        const headers = new Headers();
        for (const h of consumed.headers) {
          const converted = converters.header.toConnectHeader(topic, h.key, h.value);
          headers.add(h.key, converted.value, converted.schema);
        }
        return headers;
      },
    ],
    operator,
    [
      ['KEY_CONVERTER', converters.keyClass],
      ['VALUE_CONVERTER', converters.valueClass],
      ['HEADER_CONVERTER', converters.headerClass],
    ],
    { consumed },
    ([key, value, headers]) =>
      sinkRecord({
        topic,
        kafkaPartition: consumed.partition,
        kafkaOffset: consumed.offset,
        keySchema: (key as SchemaAndValue).schema,
        key: (key as SchemaAndValue).value,
        valueSchema: (value as SchemaAndValue).schema,
        value: (value as SchemaAndValue).value,
        timestamp: consumed.timestamp,
        timestampType: consumed.timestampType,
        headers: headers as Headers,
      }),
  );
}
