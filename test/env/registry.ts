import { connect } from './services/connect.js';
import { kafka } from './services/kafka.js';
import { mariadb } from './services/mariadb.js';
import { mongodb } from './services/mongodb.js';
import { opensearch } from './services/opensearch.js';
import { postgres15, postgres18 } from './services/postgres.js';
import { s3 } from './services/s3.js';
import { schemaRegistry } from './services/schema-registry.js';

/** Every service the test suites can ask for, by name. */
export const services = {
  postgres15,
  postgres18,
  mariadb,
  kafka,
  connect,
  registry: schemaRegistry,
  s3,
  opensearch,
  mongodb,
} as const;

export type ServiceName = keyof typeof services;
export type InfoOf<N extends ServiceName> = (typeof services)[N]['info'];

export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(services, name);
}
