/** The PostgreSQL connector's configuration: Debezium 3.2's properties, Tidewater's extensions, parsing and helpers. */
export { POSTGRES_CONNECTOR_SPEC, POSTGRES_GROUPS, POSTGRES_PROPERTIES, POSTGRES_PROPERTY_BY_NAME, DEBEZIUM_VERSION, type PostgresSpecValues } from './spec.js';
export { parsePostgresConfig, parseCustomMetricTags, type FilterInputs, type PostgresConfigValues, type PostgresConnectorConfig } from './parse.js';
export { validatePostgresConfig } from './validate.js';
export type { Origin, PgProperty, Support } from './property.js';
export { OFFSET_SLOT_MISMATCH_STRATEGIES } from './keys/tidewater.js';
export { messageKeyColumnsFor, parseMessageKeyColumns, type MessageKeyColumnsRule } from './message-key-columns.js';
export { parseReplicaIdentityAutoset, replicaIdentityFor, type ReplicaIdentity, type ReplicaIdentityRule } from './replica-identity.js';
export { parseSelectOverrides, parseTableName, type SelectOverride } from './select-overrides.js';
export { findColumnMappers, nodeHashAlgorithm, type ColumnMapperProblem, type ColumnMapperRule } from './column-mappers.js';
export { regexListProblem, splitRegexList } from './regex-lists.js';
export { parseStreamParams, splitInitialStatements } from './session-settings.js';
