import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import { ConfigError } from '../api/errors.js';
import { parseProperties } from './properties.js';

/**
 * Config providers resolve `${provider:path:key}` references in connector configs, as Kafka's
 * ConfigTransformer does. Workers declare them with Kafka's keys:
 *   config.providers=file,env,dir
 *   config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
 *   config.providers.file.param.allowed.paths=/etc/secrets
 * Values that came from a provider are secrets: callers get them back so they can keep them out of logs,
 * REST responses and status traces.
 */
export interface ConfigProvider {
  /** The values of `keys` at `path`; keys it has no value for are left out. */
  get(path: string, keys: readonly string[]): Map<string, string>;
}

const FILE = 'org.apache.kafka.common.config.provider.FileConfigProvider';
const ENV = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';
const DIRECTORY = 'org.apache.kafka.common.config.provider.DirectoryConfigProvider';

/** KIP-993's `allowed.paths`: a comma list of directories the provider may read below. */
function pathGuard(params: Readonly<Record<string, string>>): (path: string) => string | undefined {
  const allowed = (params['allowed.paths'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => normalize(p));
  return (path: string) => {
    const full = normalize(resolve(path));
    if (allowed.length && !allowed.some((a) => full === a || full.startsWith(a.endsWith('/') ? a : `${a}/`))) return undefined;
    return full;
  };
}

class FileConfigProvider implements ConfigProvider {
  private readonly guard: (path: string) => string | undefined;
  constructor(params: Readonly<Record<string, string>>) {
    this.guard = pathGuard(params);
  }
  get(path: string, keys: readonly string[]): Map<string, string> {
    const file = this.guard(path);
    if (!file) throw new ConfigError(`${path} is not allowed. Supported paths are: allowed.paths`);
    if (!existsSync(file)) throw new ConfigError(`Could not read properties from file ${path}`);
    const props = parseProperties(readFileSync(file, 'utf8'));
    return new Map(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k] as string]));
  }
}

class EnvVarConfigProvider implements ConfigProvider {
  private readonly allow: RegExp | undefined;
  constructor(params: Readonly<Record<string, string>>) {
    const pattern = params['allowlist.pattern'];
    this.allow = pattern ? new RegExp(`^(?:${pattern})$`) : undefined;
  }
  get(path: string, keys: readonly string[]): Map<string, string> {
    if (path) throw new ConfigError(`Path for EnvVarConfigProvider must be empty, got ${path}`);
    const found = new Map<string, string>();
    for (const key of keys) {
      const value = process.env[key];
      if (value !== undefined && (!this.allow || this.allow.test(key))) found.set(key, value);
    }
    return found;
  }
}

class DirectoryConfigProvider implements ConfigProvider {
  private readonly guard: (path: string) => string | undefined;
  constructor(params: Readonly<Record<string, string>>) {
    this.guard = pathGuard(params);
  }
  get(path: string, keys: readonly string[]): Map<string, string> {
    const dir = this.guard(path);
    if (!dir) throw new ConfigError(`${path} is not allowed. Supported paths are: allowed.paths`);
    const found = new Map<string, string>();
    for (const key of keys) {
      if (key.includes('/') || isAbsolute(key)) continue;
      const file = join(dir, key);
      if (existsSync(file) && statSync(file).isFile()) found.set(key, readFileSync(file, 'utf8'));
    }
    return found;
  }
}

const PROVIDER_CLASSES: Record<string, new (params: Readonly<Record<string, string>>) => ConfigProvider> = {
  [FILE]: FileConfigProvider,
  FileConfigProvider,
  [ENV]: EnvVarConfigProvider,
  EnvVarConfigProvider,
  [DIRECTORY]: DirectoryConfigProvider,
  DirectoryConfigProvider,
};

/** Builds the providers a worker config declares (`config.providers` and its `.class`/`.param.` keys). */
export function providersFromWorkerConfig(worker: Readonly<Record<string, string>>): Map<string, ConfigProvider> {
  const providers = new Map<string, ConfigProvider>();
  const aliases = (worker['config.providers'] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (const alias of aliases) {
    const className = worker[`config.providers.${alias}.class`];
    if (!className) throw new ConfigError(`Missing required configuration "config.providers.${alias}.class"`, { key: `config.providers.${alias}.class` });
    const Provider = PROVIDER_CLASSES[className];
    if (!Provider) throw ConfigError.invalid(`config.providers.${alias}.class`, className, `Class ${className} could not be found.`);
    const prefix = `config.providers.${alias}.param.`;
    const params = Object.fromEntries(Object.entries(worker).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    providers.set(alias, new Provider(params));
  }
  return providers;
}

/** Kafka's ConfigTransformer pattern: `${provider:path:key}` or `${provider:key}`. */
const VARIABLE = /\$\{([^}]*?):(?:([^}]*?):)?([^}]*?)\}/g;

export interface ResolvedConfig {
  readonly config: Record<string, string>;
  /** Values substituted from providers: never to be shown. */
  readonly secrets: ReadonlySet<string>;
  /** Keys whose values contained a provider reference. */
  readonly resolvedKeys: ReadonlySet<string>;
}

/**
 * Replaces provider references in every value. References to providers that are not configured, or keys a
 * provider has no value for, are left as written (as Kafka does).
 */
export function resolveConfig(config: Readonly<Record<string, string>>, providers: ReadonlyMap<string, ConfigProvider>): ResolvedConfig {
  const out: Record<string, string> = {};
  const secrets = new Set<string>();
  const resolvedKeys = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    out[key] = value.replace(VARIABLE, (whole, provider: string, path: string | undefined, name: string) => {
      const found = providers.get(provider)?.get(path ?? '', [name]).get(name);
      if (found === undefined) return whole;
      secrets.add(found);
      resolvedKeys.add(key);
      return found;
    });
  }
  return { config: out, secrets, resolvedKeys };
}

/** Characters that continue a word or a dotted/slashed name: a secret next to one is part of something else. */
const NAME_CHAR = /[A-Za-z0-9_.\-/]/;

/**
 * Replaces each standalone occurrence of a secret in `text` (traces, error messages) with `[hidden]`. An
 * occurrence inside a longer name is left alone, so a password "postgres" does not mangle
 * `io.debezium.connector.postgresql.PostgresConnector`. Longer secrets go first.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) {
    let from = 0;
    for (let at = out.indexOf(secret, from); at >= 0; at = out.indexOf(secret, from)) {
      const before = out[at - 1];
      const after = out[at + secret.length];
      const standalone = !(before && NAME_CHAR.test(before) && NAME_CHAR.test(secret[0] ?? '')) && !(after && NAME_CHAR.test(after) && NAME_CHAR.test(secret[secret.length - 1] ?? ''));
      if (standalone) {
        out = `${out.slice(0, at)}[hidden]${out.slice(at + secret.length)}`;
        from = at + '[hidden]'.length;
      } else {
        from = at + secret.length;
      }
    }
  }
  return out;
}
