/**
 * Kafka's ExtractField SMT: replaces the key/value with one of its fields. With `field.syntax.version=V2`
 * (KIP-821) the field is a dotted path into nested Structs/Maps, with backticks around names that contain
 * dots. Null keys/values pass through (with the field's schema when schemaful).
 */
import { fieldOf, type Field, type Schema } from '../../api/data/schema.js';
import type { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError, TidewaterError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { oneOfIgnoringCase } from '../../config/validators.js';
import { KAFKA_VERSION, keyValuePlugins, operatingSchema, operatingValue, requireMapOrNull, requireStructOrNull, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue, keyValueOverview } from './insert-field.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.ExtractField';
const PURPOSE = 'field extraction';
const NESTED_PURPOSE = 'nested field access';

/** Java's IllegalArgumentException, which Kafka throws for a field the schema does not have. */
export class IllegalArgumentError extends TidewaterError {
  constructor(message: string) {
    super(message, { code: 'ILLEGAL_ARGUMENT' });
  }
}

export type FieldSyntaxVersion = 'V1' | 'V2';

const FIELD_SYNTAX_VERSION_DOC =
  'Defines the version of the syntax to access fields. ' +
  'If set to <code>V1</code>, then the field paths are limited to access the elements at the root level of the struct or map. ' +
  'If set to <code>V2</code>, the syntax will support accessing nested elements. ' +
  'To access nested elements, dotted notation is used. ' +
  'If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. ' +
  'E.g. to access the subfield <code>baz</code> from a field named "foo.bar" in a struct/map ' +
  'the following format can be used to access its elements: "<code>foo.bar</code>.baz".';

export const EXTRACT_FIELD_CONFIG = ConfigSpec.empty()
  .define({ name: 'field', type: 'STRING', importance: 'MEDIUM', doc: 'Field name to extract.' })
  .define({
    name: 'field.syntax.version',
    type: 'STRING',
    default: 'V1',
    validator: oneOfIgnoringCase('V1', 'V2'),
    importance: 'HIGH',
    doc: FIELD_SYNTAX_VERSION_DOC,
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

function incompleteBacktickPair(path: string, backtickAt: number): ConfigError {
  return new ConfigError(
    `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${backtickAt} to escape it`,
  );
}

/**
 * KIP-821's V2 path syntax: steps split on dots; a step may be wrapped in backticks to contain dots, and a
 * backtick followed by a dot inside such a step is escaped with a backslash. A trailing dot adds an empty step.
 */
export function parseFieldPathV2(path: string): string[] {
  const steps: string[] = [];
  let index = 0;
  while (index >= 0 && index < path.length) {
    if (path[index] !== '`') {
      const start = index;
      index = path.indexOf('.', index);
      steps.push(index >= 0 ? path.slice(start, index) : path.slice(start));
      if (index >= 0) index++;
      continue;
    }
    const backtickAt = index;
    let step = '';
    let start = ++index;
    for (;;) {
      index = path.indexOf('`', index);
      if (index === -1) throw incompleteBacktickPair(path, backtickAt);
      const escaped = path[index - 1] === '\\';
      if (index >= path.length - 1) {
        // The closing backtick ends the path.
        if (escaped) throw incompleteBacktickPair(path, backtickAt);
        steps.push(step + path.slice(start, index));
        index++;
        break;
      }
      if (path[index + 1] !== '.') {
        // A backtick inside the name: keep looking for one followed by a dot.
        index++;
        continue;
      }
      if (escaped) {
        step += `${path.slice(start, index - 1)}\``;
        start = ++index;
        continue;
      }
      steps.push(step + path.slice(start, index));
      index += 2;
      break;
    }
  }
  if (path.endsWith('.')) steps.push('');
  return steps;
}

/** Kafka's SingleFieldPath: the steps of a field path and how to follow them in schemas and values. */
export class SingleFieldPath {
  readonly steps: readonly string[];

  constructor(
    readonly path: string,
    readonly version: FieldSyntaxVersion,
  ) {
    this.steps = version === 'V1' ? [path] : parseFieldPathV2(path);
  }

  private get parents(): readonly string[] {
    return this.steps.slice(0, -1);
  }

  /** An empty V2 path has no steps; it is looked up as the empty name rather than failing as in Java. */
  private get last(): string {
    return this.steps[this.steps.length - 1] ?? '';
  }

  /** The field at this path, or undefined when a step is missing. */
  fieldFrom(schema: Schema): Field | undefined {
    let current = schema;
    for (const step of this.parents) {
      const field = fieldOf(current, step);
      if (!field) return undefined;
      current = field.schema;
    }
    return fieldOf(current, this.last);
  }

  /** The value at this path in a Struct (null when a step is missing or null). */
  valueFromStruct(struct: Struct, withDefault: boolean): unknown {
    let current = struct;
    for (const step of this.parents) {
      if (!fieldOf(current.schema, step)) return null;
      const next = requireStructOrNull(fieldValue(current, step, withDefault), NESTED_PURPOSE);
      if (next === null) return null;
      current = next;
    }
    return fieldOf(current.schema, this.last) ? fieldValue(current, this.last, withDefault) : null;
  }

  /** The value at this path in a schemaless Map (null when a step is missing or null). */
  valueFromMap(map: Map<unknown, unknown>): unknown {
    let current = map;
    for (const step of this.parents) {
      const next = requireMapOrNull(current.get(step), NESTED_PURPOSE);
      if (next === null) return null;
      current = next;
    }
    return current.get(this.last) ?? null;
  }
}

interface Settings {
  readonly path: SingleFieldPath;
  readonly replaceNullWithDefault: boolean;
}

export class ExtractField implements Transformation {
  private settings: Settings | null = null;

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = EXTRACT_FIELD_CONFIG.parse(config);
    const version = parsed['field.syntax.version'].toUpperCase() as FieldSyntaxVersion;
    this.settings = { path: new SingleFieldPath(parsed.field, version), replaceNullWithDefault: parsed['replace.null.with.default'] };
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('ExtractField used before configure()');
    return this.settings;
  }

  apply(record: ConnectRecord): ConnectRecord {
    const { path, replaceNullWithDefault } = this.configured;
    const schema = operatingSchema(record, this.side);
    if (schema === null) {
      const map = requireMapOrNull(operatingValue(record, this.side), PURPOSE);
      return withSide(record, this.side, null, map === null ? null : path.valueFromMap(map));
    }
    const struct = requireStructOrNull(operatingValue(record, this.side), PURPOSE);
    const field = path.fieldFrom(schema);
    if (!field) throw new IllegalArgumentError(`Unknown field: ${path.path}`);
    return withSide(record, this.side, field.schema, struct === null ? null : path.valueFromStruct(struct, replaceNullWithDefault));
  }
}

export const EXTRACT_FIELD_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview(
    'Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data. ' +
      'Any null values are passed through unmodified.',
    CLASS_NAME,
  ),
  config: EXTRACT_FIELD_CONFIG,
  create: (side) => new ExtractField(side),
});
