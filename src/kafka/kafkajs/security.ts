/**
 * Kafka's security settings (`security.protocol`, `sasl.*`, `ssl.*`) mapped to kafkajs's `ssl` and `sasl`
 * options. kafkajs speaks TLS through Node's `tls` module and implements SASL PLAIN and SCRAM itself, so
 * whatever needs the JVM (GSSAPI/Kerberos, JKS key stores, callback handler classes) is rejected with a
 * ConfigError naming the key, rather than silently connecting with weaker security than configured.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { ConfigError } from '../../api/errors.js';
import { readChoice, readList, readOptional, type Settings } from './settings.js';

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

export interface SecurityOptions {
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
}

export function securityOptions(settings: Settings): SecurityOptions {
  const protocol = readChoice(settings, 'security.protocol', SECURITY_PROTOCOLS, 'PLAINTEXT');
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  return {
    ...(usesTls ? { ssl: tlsOptions(settings) } : {}),
    ...(usesSasl ? { sasl: saslOptions(settings) } : {}),
  };
}

const SASL_MECHANISMS = {
  PLAIN: { kafkajs: 'plain', loginModule: 'org.apache.kafka.common.security.plain.PlainLoginModule' },
  'SCRAM-SHA-256': { kafkajs: 'scram-sha-256', loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
  'SCRAM-SHA-512': { kafkajs: 'scram-sha-512', loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
} as const;
type SupportedMechanism = keyof typeof SASL_MECHANISMS;

/** SASL settings that name JVM classes; there is nothing to load them into. */
const JVM_SASL_CLASSES = ['sasl.client.callback.handler.class', 'sasl.login.callback.handler.class', 'sasl.login.class'];

function saslOptions(settings: Settings): SASLOptions {
  for (const key of JVM_SASL_CLASSES) {
    const value = readOptional(settings, key);
    if (value !== undefined) throw ConfigError.invalid(key, value, 'Java classes cannot be loaded by the kafkajs client');
  }
  // Kafka's default mechanism is GSSAPI (Kerberos), which kafkajs does not implement.
  const mechanism = (readOptional(settings, 'sasl.mechanism') ?? 'GSSAPI').toUpperCase();
  if (!(mechanism in SASL_MECHANISMS)) {
    throw ConfigError.invalid(
      'sasl.mechanism',
      mechanism,
      `the kafkajs client supports ${Object.keys(SASL_MECHANISMS).join(', ')}${mechanism === 'GSSAPI' ? ' (GSSAPI is the default when sasl.mechanism is not set)' : ''}`,
    );
  }
  const supported = mechanism as SupportedMechanism;
  const { username, password } = saslCredentials(settings, supported);
  return { mechanism: SASL_MECHANISMS[supported].kafkajs, username, password } as SASLOptions;
}

/**
 * Credentials from `sasl.jaas.config` (Kafka's form) or from `sasl.username` / `sasl.password` (the
 * explicit form librdkafka uses); exactly one of the two.
 */
function saslCredentials(settings: Settings, mechanism: SupportedMechanism): { username: string; password: string } {
  const jaas = readOptional(settings, 'sasl.jaas.config');
  const username = settings['sasl.username'];
  const password = settings['sasl.password'];
  if (jaas !== undefined) {
    if (username !== undefined || password !== undefined) {
      throw ConfigError.invalid('sasl.username', username ?? '[hidden]', 'give credentials either in sasl.jaas.config or in sasl.username/sasl.password, not both');
    }
    const entry = parseJaasConfig(jaas);
    const expected = SASL_MECHANISMS[mechanism].loginModule;
    if (entry.loginModule !== expected) {
      throw ConfigError.invalid('sasl.jaas.config', entry.loginModule, `sasl.mechanism ${mechanism} needs the login module ${expected}`);
    }
    const jaasUser = entry.options.get('username');
    const jaasPassword = entry.options.get('password');
    if (jaasUser === undefined || jaasPassword === undefined) {
      throw new ConfigError('Invalid value [hidden] for configuration sasl.jaas.config: the login module needs username and password options', {
        key: 'sasl.jaas.config',
      });
    }
    return { username: jaasUser, password: jaasPassword };
  }
  if (username === undefined || password === undefined) {
    throw new ConfigError(
      `Missing required configuration "sasl.jaas.config" for SASL mechanism ${mechanism} (or give both sasl.username and sasl.password)`,
      { key: 'sasl.jaas.config' },
    );
  }
  return { username, password };
}

export interface JaasEntry {
  readonly loginModule: string;
  readonly controlFlag: string;
  readonly options: ReadonlyMap<string, string>;
}

/**
 * Parses a one-entry JAAS configuration as Kafka accepts it in `sasl.jaas.config`:
 * `<LoginModule> <required|requisite|sufficient|optional> key=value key="quoted value";`.
 * Values may be quoted with " or ' (a backslash escapes the next character inside quotes).
 * Error messages never repeat the value: it holds a password.
 */
export function parseJaasConfig(text: string): JaasEntry {
  const tokens = tokenizeJaas(text);
  const fail = (reason: string): never => {
    throw new ConfigError(`Invalid value [hidden] for configuration sasl.jaas.config: ${reason}`, { key: 'sasl.jaas.config' });
  };
  const loginModule = tokens.shift();
  const controlFlag = tokens.shift();
  if (loginModule === undefined || loginModule.kind !== 'word') return fail('expected a login module class name');
  if (controlFlag === undefined || controlFlag.kind !== 'word' || !['required', 'requisite', 'sufficient', 'optional'].includes(controlFlag.text.toLowerCase())) {
    return fail('expected a control flag (required, requisite, sufficient or optional) after the login module');
  }
  const options = new Map<string, string>();
  for (;;) {
    const token = tokens.shift();
    if (token === undefined) return fail('the entry must end with ";"');
    if (token.kind === 'semicolon') break;
    const equals = tokens.shift();
    const value = tokens.shift();
    if (token.kind !== 'word' || equals?.kind !== 'equals' || value === undefined || (value.kind !== 'word' && value.kind !== 'quoted')) {
      return fail('options must have the form key=value');
    }
    options.set(token.text, value.text);
  }
  if (tokens.length > 0) return fail('only one login module entry is allowed');
  return { loginModule: loginModule.text, controlFlag: controlFlag.text.toLowerCase(), options };
}

type JaasToken = { kind: 'word' | 'quoted'; text: string } | { kind: 'equals' | 'semicolon'; text: string };

function tokenizeJaas(text: string): JaasToken[] {
  const tokens: JaasToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '=' || char === ';') {
      tokens.push({ kind: char === '=' ? 'equals' : 'semicolon', text: char });
      index += 1;
    } else if (char === '"' || char === "'") {
      let value = '';
      index += 1;
      while (index < text.length && text.charAt(index) !== char) {
        if (text.charAt(index) === '\\' && index + 1 < text.length) index += 1;
        value += text.charAt(index);
        index += 1;
      }
      if (index >= text.length) {
        throw new ConfigError('Invalid value [hidden] for configuration sasl.jaas.config: unterminated quoted value', { key: 'sasl.jaas.config' });
      }
      index += 1;
      tokens.push({ kind: 'quoted', text: value });
    } else {
      let word = '';
      while (index < text.length && !/[\s=;"']/.test(text.charAt(index))) {
        word += text.charAt(index);
        index += 1;
      }
      tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}

/** ssl.* settings with a Node equivalent. */
const MAPPED_SSL_KEYS = new Set([
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.certificates',
  'ssl.truststore.password',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.keystore.key',
  'ssl.keystore.certificate.chain',
  'ssl.key.password',
  'ssl.endpoint.identification.algorithm',
  'ssl.enabled.protocols',
  'ssl.protocol',
]);

/** JVM tuning knobs with no Node counterpart whose absence does not weaken TLS (algorithm names of the JSSE). */
const IGNORED_SSL_KEYS = new Set(['ssl.keymanager.algorithm', 'ssl.trustmanager.algorithm', 'ssl.secure.random.implementation']);

const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;

function tlsOptions(settings: Settings): ConnectionOptions {
  for (const key of Object.keys(settings)) {
    if (!key.startsWith('ssl.') || MAPPED_SSL_KEYS.has(key) || IGNORED_SSL_KEYS.has(key)) continue;
    const value = readOptional(settings, key);
    if (value !== undefined) throw ConfigError.invalid(key, value, 'not supported by the kafkajs client');
  }
  const options: ConnectionOptions = { ...trustOptions(settings), ...identityOptions(settings) };
  const endpointCheck = readOptional(settings, 'ssl.endpoint.identification.algorithm');
  // Kafka verifies the broker's host name by default ("https"); an empty value turns that off.
  if (settings['ssl.endpoint.identification.algorithm'] !== undefined && endpointCheck === undefined) {
    options.checkServerIdentity = () => undefined;
  } else if (endpointCheck !== undefined && endpointCheck.toLowerCase() !== 'https') {
    throw ConfigError.invalid('ssl.endpoint.identification.algorithm', endpointCheck, 'only https (the default) or an empty value are supported');
  }
  const protocol = readOptional(settings, 'ssl.protocol');
  if (protocol !== undefined && !['TLS', ...TLS_VERSIONS].includes(protocol)) {
    throw ConfigError.invalid('ssl.protocol', protocol, `String must be one of: TLS, ${TLS_VERSIONS.join(', ')}`);
  }
  const enabled = readList(settings, 'ssl.enabled.protocols');
  if (enabled.length > 0) {
    const unknown = enabled.find((version) => !(TLS_VERSIONS as readonly string[]).includes(version));
    if (unknown !== undefined) throw ConfigError.invalid('ssl.enabled.protocols', unknown, `supported protocols are ${TLS_VERSIONS.join(', ')}`);
    options.minVersion = enabled.includes('TLSv1.2') ? 'TLSv1.2' : 'TLSv1.3';
    options.maxVersion = enabled.includes('TLSv1.3') ? 'TLSv1.3' : 'TLSv1.2';
  }
  return options;
}

/** The trust store: PEM certificates from a file or inline; none means Node's default CA list. */
function trustOptions(settings: Settings): ConnectionOptions {
  const inline = readOptional(settings, 'ssl.truststore.certificates');
  const location = readOptional(settings, 'ssl.truststore.location');
  const type = readOptional(settings, 'ssl.truststore.type');
  if (inline === undefined && location === undefined) return {};
  if (type !== undefined && type.toUpperCase() !== 'PEM') {
    throw ConfigError.invalid('ssl.truststore.type', type, 'the kafkajs client reads PEM trust stores only');
  }
  if (inline !== undefined) return { ca: inline };
  const contents = readSecurityFile('ssl.truststore.location', location ?? '');
  // Kafka's default type is JKS; a file that is not PEM cannot be read without the JVM.
  if (!contents.toString('latin1').includes('-----BEGIN')) {
    throw ConfigError.invalid('ssl.truststore.location', location, 'not a PEM file; the kafkajs client reads PEM trust stores only (JKS and PKCS12 are not supported)');
  }
  return { ca: contents.toString('utf8') };
}

/** The client's own key and certificate, for TLS client authentication. */
function identityOptions(settings: Settings): ConnectionOptions {
  const location = readOptional(settings, 'ssl.keystore.location');
  const inlineKey = readOptional(settings, 'ssl.keystore.key');
  const inlineChain = readOptional(settings, 'ssl.keystore.certificate.chain');
  const keyPassword = settings['ssl.key.password'];
  const storePassword = settings['ssl.keystore.password'];
  if (location === undefined && inlineKey === undefined && inlineChain === undefined) return {};
  const type = (readOptional(settings, 'ssl.keystore.type') ?? (location === undefined ? 'PEM' : 'JKS')).toUpperCase();
  if (inlineKey !== undefined || inlineChain !== undefined) {
    if (inlineKey === undefined || inlineChain === undefined) {
      throw new ConfigError('ssl.keystore.key and ssl.keystore.certificate.chain must be given together', {
        key: inlineKey === undefined ? 'ssl.keystore.key' : 'ssl.keystore.certificate.chain',
      });
    }
    return { key: inlineKey, cert: inlineChain, ...(keyPassword !== undefined ? { passphrase: keyPassword } : {}) };
  }
  const contents = readSecurityFile('ssl.keystore.location', location ?? '');
  if (type === 'PKCS12') return { pfx: contents, ...(storePassword !== undefined ? { passphrase: storePassword } : {}) };
  if (type === 'PEM' || contents.toString('latin1').includes('-----BEGIN')) {
    // A PEM key store holds the private key and the certificate chain in one file; OpenSSL picks each out.
    const pem = contents.toString('utf8');
    return { key: pem, cert: pem, ...(keyPassword !== undefined ? { passphrase: keyPassword } : {}) };
  }
  throw ConfigError.invalid('ssl.keystore.type', type, 'the kafkajs client reads PEM and PKCS12 key stores only (JKS is not supported)');
}

function readSecurityFile(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`Invalid value ${path} for configuration ${key}: cannot read the file (${(err as Error).message})`, { key, cause: err });
  }
}
