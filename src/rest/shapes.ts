/**
 * Response bodies in Kafka Connect's field order (its Jackson entities serialize fields in a fixed order,
 * and `curl | diff` users see it). Each function copies only the entity's own fields.
 */
import type { ConfigInfos, ConfigKeyInfo, ConfigValueInfo } from '../config/spec.js';
import type {
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateInfo,
  PluginDescription,
  StateInfo,
  TaskInfo,
  TaskStateInfo,
} from '../runtime/herder.js';

export function connectorInfo(info: ConnectorInfo): ConnectorInfo {
  return {
    name: info.name,
    config: info.config,
    tasks: info.tasks.map((t) => ({ connector: t.connector, task: t.task })),
    type: info.type,
  };
}

function state(s: StateInfo): StateInfo {
  return {
    state: s.state,
    worker_id: s.worker_id,
    ...(s.trace == null ? {} : { trace: s.trace }),
    // Tidewater extension (after Kafka's fields, so scripts reading Kafka's keys are unaffected).
    ...(s.progress == null ? {} : { progress: s.progress }),
  };
}

export function taskState(t: TaskStateInfo): TaskStateInfo {
  return { id: t.id, ...state(t) };
}

export function connectorState(s: ConnectorStateInfo): ConnectorStateInfo {
  return { name: s.name, connector: state(s.connector), tasks: s.tasks.map(taskState), type: s.type };
}

export function taskInfo(t: TaskInfo): TaskInfo {
  return { id: { connector: t.id.connector, task: t.id.task }, config: t.config };
}

export function plugin(p: PluginDescription): PluginDescription {
  return { class: p.class, type: p.type, ...(p.version === undefined ? {} : { version: p.version }) };
}

/** Kafka's ConfigKeyInfo order: `order` comes last. */
export function configKey(k: ConfigKeyInfo): ConfigKeyInfo {
  return {
    name: k.name,
    type: k.type,
    required: k.required,
    default_value: k.default_value,
    importance: k.importance,
    documentation: k.documentation,
    group: k.group,
    width: k.width,
    display_name: k.display_name,
    dependents: k.dependents,
    order: k.order,
  };
}

function configValue(v: ConfigValueInfo): ConfigValueInfo {
  return { name: v.name, value: v.value, recommended_values: v.recommended_values, errors: v.errors, visible: v.visible };
}

export function configInfos(c: ConfigInfos): ConfigInfos {
  return {
    name: c.name,
    error_count: c.error_count,
    groups: c.groups,
    configs: c.configs.map((entry) => ({ definition: configKey(entry.definition), value: configValue(entry.value) })),
  };
}

export function offsets(o: ConnectorOffsets): ConnectorOffsets {
  return { offsets: o.offsets.map((entry) => ({ partition: entry.partition, offset: entry.offset })) };
}
