/**
 * REST API protection from worker settings, the way Kafka Connect users already configure it:
 *  - basic auth: `rest.extension.classes=org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension`
 *    plus a JAAS file (named by `-Djava.security.auth.login.config=…` in KAFKA_OPTS, as for Kafka, or by
 *    Tidewater's `tidewater.rest.jaas.config`) whose `KafkaConnect` entry uses PropertyFileLoginModule with
 *    `file="…"`, a properties file of `user: password` lines;
 *  - a bearer token: Tidewater's `tidewater.rest.auth.bearer.token` (use a `${file:…}` or `${env:…}` reference).
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../api/errors.js';
import { parseProperties } from '../config/properties.js';
import type { RestAuth } from '../rest/auth.js';

export const BASIC_AUTH_EXTENSION = 'org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension';

/** The JAAS file path from KAFKA_OPTS' `-Djava.security.auth.login.config=…`. */
export function jaasPathFromKafkaOpts(kafkaOpts: string | undefined): string | undefined {
  const match = /-Djava\.security\.auth\.login\.config=("([^"]+)"|(\S+))/.exec(kafkaOpts ?? '');
  return match ? (match[2] ?? match[3]) : undefined;
}

/** The `file` option of the `KafkaConnect` login context's PropertyFileLoginModule. */
export function credentialsFileFromJaas(jaas: string): string | undefined {
  const context = /KafkaConnect\s*\{([\s\S]*?)\}\s*;/.exec(jaas)?.[1];
  if (!context || !/PropertyFileLoginModule/.test(context)) return undefined;
  return /\bfile\s*=\s*"([^"]*)"/.exec(context)?.[1];
}

function readFile(path: string, what: string, key: string): string {
  if (!existsSync(path)) throw new ConfigError(`${what} ${path} does not exist`, { key });
  return readFileSync(path, 'utf8');
}

/** The REST protection the (resolved) worker settings ask for, or undefined for none. */
export function restAuthFromWorker(raw: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): RestAuth | undefined {
  const token = raw['tidewater.rest.auth.bearer.token']?.trim();
  const extensions = (raw['rest.extension.classes'] ?? '').split(',').map((c) => c.trim());
  const basic = extensions.includes(BASIC_AUTH_EXTENSION);
  if (token && basic) throw new ConfigError('Choose one REST protection: basic auth (rest.extension.classes) or tidewater.rest.auth.bearer.token', { key: 'tidewater.rest.auth.bearer.token' });
  if (token) return { type: 'bearer', token };
  if (!basic) return undefined;
  const jaasKey = 'tidewater.rest.jaas.config';
  const jaasPath = raw[jaasKey]?.trim() || jaasPathFromKafkaOpts(env.KAFKA_OPTS);
  if (!jaasPath) {
    throw new ConfigError(
      `${BASIC_AUTH_EXTENSION} needs a JAAS file: set -Djava.security.auth.login.config=<file> in KAFKA_OPTS or ${jaasKey} in the worker properties`,
      { key: 'rest.extension.classes' },
    );
  }
  const credentialsFile = credentialsFileFromJaas(readFile(jaasPath, 'JAAS file', jaasKey));
  if (!credentialsFile) {
    throw new ConfigError(`${jaasPath} has no KafkaConnect entry with PropertyFileLoginModule and a file="…" option`, { key: jaasKey });
  }
  // PropertyFileLoginModule compares the whole value of `user: password` with the given password.
  return { type: 'basic', users: parseProperties(readFile(credentialsFile, 'Credentials file', jaasKey)) };
}
