/** Every built-in transformation and predicate: Kafka's SMTs and Debezium's. */
import type { PredicatePlugin, TransformationPlugin } from '../api/plugin.js';
import { DEBEZIUM_TRANSFORMS } from './debezium/index.js';
import { KAFKA_TRANSFORMS_A } from './kafka/group-a.js';
import { KAFKA_PREDICATES, KAFKA_TRANSFORMS_B } from './kafka/group-b.js';

export const TRANSFORMATION_PLUGINS: readonly TransformationPlugin[] = [...KAFKA_TRANSFORMS_A, ...KAFKA_TRANSFORMS_B, ...DEBEZIUM_TRANSFORMS];
export const PREDICATE_PLUGINS: readonly PredicatePlugin[] = KAFKA_PREDICATES;
