/**
 * Kafka's ReplaceField SMT: keeps (`include`) or drops (`exclude`) top-level fields and renames them
 * (`renames`, `old:new,…`). Kafka 3.9 still reads the deprecated `whitelist`/`blacklist` when the new names
 * are not set. Null keys/values (tombstones) pass through unchanged.
 */
import { SchemaBuilder, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError, ConfigError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import type { Validator } from '../../config/validators.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, copySchemaBasics, fieldValue, keyValueOverview } from './insert-field.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.ReplaceField';
const PURPOSE = 'field replacement';

/** Java's String.split: a text without the separator is one part; trailing empty parts are dropped. */
export function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** How Java prints a List in messages: `[a, b]`. */
export function javaListString(items: readonly unknown[]): string {
  return `[${items.map(String).join(', ')}]`;
}

/** `old:new` pairs; Kafka names the `renames` key in the error whatever SMT asked. */
function parseRenameMappings(mappings: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    if (parts.length !== 2) throw ConfigError.invalid('renames', javaListString(mappings), `Invalid rename mapping: ${mapping}`);
    renames.set(parts[0] as string, parts[1] as string);
  }
  return renames;
}

const renameMappings: Validator<string[]> = Object.assign(
  (_name: string, value: string[] | null): void => {
    parseRenameMappings(value ?? []);
  },
  { describe: 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>' },
);

export const REPLACE_FIELD_CONFIG = ConfigSpec.empty()
  .define({
    name: 'exclude',
    type: 'LIST',
    default: [],
    importance: 'MEDIUM',
    doc: 'Fields to exclude. This takes precedence over the fields to include.',
    deprecatedNames: ['blacklist'],
  })
  .define({ name: 'blacklist', type: 'LIST', default: null, importance: 'LOW', doc: 'Deprecated. Use exclude instead.' })
  .define({
    name: 'include',
    type: 'LIST',
    default: [],
    importance: 'MEDIUM',
    doc: 'Fields to include. If specified, only these fields will be used.',
    deprecatedNames: ['whitelist'],
  })
  .define({ name: 'whitelist', type: 'LIST', default: null, importance: 'LOW', doc: 'Deprecated. Use include instead.' })
  .define({ name: 'renames', type: 'LIST', default: [], validator: renameMappings, importance: 'MEDIUM', doc: 'Field rename mappings.' })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

interface Settings {
  readonly exclude: ReadonlySet<string>;
  readonly include: ReadonlySet<string>;
  readonly renames: ReadonlyMap<string, string>;
  readonly reverseRenames: ReadonlyMap<string, string>;
  readonly replaceNullWithDefault: boolean;
}

export class ReplaceField implements Transformation {
  private settings: Settings | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = REPLACE_FIELD_CONFIG.parse(config);
    const renames = parseRenameMappings(parsed.renames);
    this.settings = {
      exclude: new Set(parsed.exclude),
      include: new Set(parsed.include),
      renames,
      reverseRenames: new Map([...renames].map(([from, to]) => [to, from])),
      replaceNullWithDefault: parsed['replace.null.with.default'],
    };
    this.schemaCache = new SchemaCache();
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = operatingValue(record, this.side);
    if (value === null || value === undefined) return record;
    return operatingSchema(record, this.side) === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value);
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('ReplaceField used before configure()');
    return this.settings;
  }

  private keeps(fieldName: string): boolean {
    const s = this.configured;
    return !s.exclude.has(fieldName) && (s.include.size === 0 || s.include.has(fieldName));
  }

  private renamed(fieldName: string): string {
    return this.configured.renames.get(fieldName) ?? fieldName;
  }

  private applySchemaless(record: ConnectRecord, value: unknown): ConnectRecord {
    const updated = new Map<unknown, unknown>();
    for (const [name, fieldValue] of requireMap(value, PURPOSE)) {
      if (this.keeps(String(name))) updated.set(this.renamed(String(name)), fieldValue);
    }
    return withSide(record, this.side, null, updated);
  }

  private applyWithSchema(record: ConnectRecord, value: unknown): ConnectRecord {
    const s = this.configured;
    const struct = requireStruct(value, PURPOSE);
    const updatedSchema = this.schemaCache.getOrCreate(struct.schema, (schema) => this.makeUpdatedSchema(schema));
    const updated = new Struct(updatedSchema);
    for (const field of updatedSchema.fields ?? []) {
      const originalName = s.reverseRenames.get(field.name) ?? field.name;
      updated.put(field.name, fieldValue(struct, originalName, s.replaceNullWithDefault));
    }
    return withSide(record, this.side, updatedSchema, updated);
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields ?? []) {
      if (this.keeps(field.name)) builder.field(this.renamed(field.name), field.schema);
    }
    return builder.build();
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const REPLACE_FIELD_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview('Filter or rename fields.', CLASS_NAME),
  config: REPLACE_FIELD_CONFIG,
  create: (side) => new ReplaceField(side),
});
