/**
 * Debezium's topic names (DefaultTopicNamingStrategy, SchemaTopicNamingStrategy's default shape): data
 * `<topic.prefix><delim><schema><delim><table>`, transactions `<topic.prefix><delim>transaction`
 * (`topic.transaction`), heartbeats `__debezium-heartbeat<delim><topic.prefix>` (`topic.heartbeat.prefix`),
 * and schema names made Avro-safe as Debezium's SchemaNameAdjuster does by default (`avro`: invalid characters
 * become `_`).
 */
export interface TopicNamingOptions {
  readonly prefix: string;
  /** `topic.delimiter` (default `.`). */
  readonly delimiter: string;
  /** `topic.transaction` (default `transaction`). */
  readonly transactionSuffix: string;
  /** `topic.heartbeat.prefix` (default `__debezium-heartbeat`). */
  readonly heartbeatPrefix: string;
}

export class TopicNaming {
  constructor(readonly options: TopicNamingOptions) {}

  dataTopic(parts: readonly (string | null)[]): string {
    return [this.options.prefix, ...parts.filter((p): p is string => p !== null && p !== '')].join(this.options.delimiter);
  }

  transactionTopic(): string {
    return `${this.options.prefix}${this.options.delimiter}${this.options.transactionSuffix}`;
  }

  heartbeatTopic(): string {
    return `${this.options.heartbeatPrefix}${this.options.delimiter}${this.options.prefix}`;
  }
}

/**
 * Debezium's schema name adjustment (`schema.name.adjustment.mode`, default `none` since Debezium 2.0). With
 * `avro`, every character outside [A-Za-z0-9_.] (and a leading digit) becomes `_`; `avro_unicode` writes
 * `_uXXXX` instead.
 */
export function adjustSchemaName(name: string, mode: 'none' | 'avro' | 'avro_unicode'): string {
  if (mode === 'none') return name;
  let adjusted = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i] as string;
    const ok = /[A-Za-z_.]/.test(c) || (i > 0 && /[0-9]/.test(c));
    if (ok) adjusted += c;
    else adjusted += mode === 'avro_unicode' ? `_u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : '_';
  }
  return adjusted;
}
