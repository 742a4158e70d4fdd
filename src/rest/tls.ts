/**
 * The HTTPS listener's settings, named as Kafka names them under `listeners.https.` (Kafka's REST server
 * reads `listeners.https.ssl.*`), and their translation to Node's TLS options.
 *
 * Keystores: PKCS12 (a file and its password, what Kafka's Jetty listener takes) or PEM: a file holding the
 * private key and its certificate chain, or Kafka's inline `ssl.keystore.key` / `ssl.keystore.certificate.chain`.
 * JKS is Java's own format and is not supported.
 */
import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import type { SecureVersion } from 'node:tls';
import { ConfigError } from '../api/errors.js';

/**
 * Values are strings, as in a worker properties file, and are checked when the server is created (case is
 * ignored where Kafka ignores it). Other `ssl.*` keys are accepted and ignored.
 */
export interface HttpsListenerSettings {
  /** PEM or PKCS12. Default: PEM for a `.pem`/`.crt` file or inline PEM, PKCS12 otherwise. */
  readonly 'ssl.keystore.type'?: string;
  /** Path of the keystore: a PKCS12 file, or a PEM file with the private key and certificate chain. */
  readonly 'ssl.keystore.location'?: string;
  readonly 'ssl.keystore.password'?: string;
  /** The password of the private key (an encrypted PEM key; PKCS12 uses `ssl.keystore.password`). */
  readonly 'ssl.key.password'?: string;
  /** Inline PEM certificate chain (with `ssl.keystore.key`), instead of a keystore file. */
  readonly 'ssl.keystore.certificate.chain'?: string;
  /** Inline PEM private key. */
  readonly 'ssl.keystore.key'?: string;
  /** PEM file of CA certificates that client certificates must chain to. */
  readonly 'ssl.truststore.location'?: string;
  /** Kafka's `ssl.client.authentication`: none (default), requested, or required. */
  readonly 'ssl.client.authentication'?: string;
  /** e.g. `TLSv1.2,TLSv1.3` (default: Node's). */
  readonly 'ssl.enabled.protocols'?: string;
  readonly [other: string]: string | undefined;
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw ConfigError.invalid(`listeners.https.${key}`, value, `expected one of ${allowed.join(', ')}`);
  return found;
}

function protocolRange(list: string | undefined): Pick<ServerOptions, 'minVersion' | 'maxVersion'> {
  if (!list) return {};
  const known: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  const versions = list.split(',').map((v) => v.trim());
  const unknown = versions.find((v) => !known.includes(v as SecureVersion));
  if (unknown !== undefined) throw ConfigError.invalid('listeners.https.ssl.enabled.protocols', list, `unknown protocol ${unknown}`);
  const sorted = known.filter((v) => versions.includes(v));
  return { minVersion: sorted[0], maxVersion: sorted[sorted.length - 1] };
}

/** Node's HTTPS server options for Kafka-named settings. Reads the files named. */
export function httpsServerOptions(settings: HttpsListenerSettings): ServerOptions {
  const location = settings['ssl.keystore.location'];
  const inlineKey = settings['ssl.keystore.key'];
  const inlineChain = settings['ssl.keystore.certificate.chain'];
  const guessed = inlineKey || /\.(pem|crt)$/i.test(location ?? '') ? 'PEM' : 'PKCS12';
  if (settings['ssl.keystore.type']?.toUpperCase() === 'JKS') {
    throw ConfigError.invalid('listeners.https.ssl.keystore.type', 'JKS', 'JKS keystores are not supported; use PKCS12 or PEM');
  }
  const type = oneOf('ssl.keystore.type', settings['ssl.keystore.type'], ['PEM', 'PKCS12'], guessed);
  const keystore: ServerOptions = {};
  if (location) {
    const file = readFileSync(location);
    if (type === 'PKCS12') Object.assign(keystore, { pfx: file, passphrase: settings['ssl.keystore.password'] });
    else Object.assign(keystore, { key: file, cert: file, passphrase: settings['ssl.key.password'] });
  } else if (inlineKey && inlineChain) {
    Object.assign(keystore, { key: inlineKey, cert: inlineChain, passphrase: settings['ssl.key.password'] });
  } else {
    throw new ConfigError(
      'An https listener needs listeners.https.ssl.keystore.location, or ssl.keystore.key with ssl.keystore.certificate.chain',
      { key: 'listeners.https.ssl.keystore.location' },
    );
  }
  const clientAuth = oneOf('ssl.client.authentication', settings['ssl.client.authentication'], ['none', 'requested', 'required'], 'none');
  const truststore = settings['ssl.truststore.location'];
  return {
    ...keystore,
    ...(truststore ? { ca: readFileSync(truststore) } : {}),
    requestCert: clientAuth !== 'none',
    rejectUnauthorized: clientAuth === 'required',
    ...protocolRange(settings['ssl.enabled.protocols']),
  };
}
