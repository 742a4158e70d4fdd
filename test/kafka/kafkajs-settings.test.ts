import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CompressionTypes } from 'kafkajs';
import { ConfigError } from '../../src/api/errors.js';
import { connectionConfig } from '../../src/kafka/kafkajs/client-config.js';
import { consumerTuning, kafkajsConsumerConfig } from '../../src/kafka/kafkajs/consumer-settings.js';
import { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import { producerTuning } from '../../src/kafka/kafkajs/producer-settings.js';
import { parseJaasConfig, securityOptions } from '../../src/kafka/kafkajs/security.js';
import { retriesWithin } from '../../src/kafka/kafkajs/settings.js';
import { testLogger } from './kafkajs-support.js';

const BASE = { 'bootstrap.servers': 'broker-1:9092,[::1]:9093' };
const PLAIN_JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cr\\"et";';

function configError(key: string, message?: RegExp): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.key, key);
    if (message) assert.match(err.message, message);
    return true;
  };
}

function timings(settings: Record<string, string> = {}) {
  return connectionConfig({ ...BASE, ...settings }).timings;
}

describe('kafkajs store: connection settings', () => {
  it('parses bootstrap.servers, client.id and Kafka-default timings', () => {
    const config = connectionConfig({ ...BASE, 'client.id': 'worker-1' });
    assert.deepEqual(config.brokers, ['broker-1:9092', '[::1]:9093']);
    assert.equal(config.clientId, 'worker-1');
    assert.deepEqual(config.timings, {
      requestTimeoutMs: 30_000,
      connectionTimeoutMs: 10_000,
      retryBackoffMs: 100,
      retryBackoffMaxMs: 1000,
      apiTimeoutMs: 60_000,
      metadataMaxAgeMs: 300_000,
    });
    assert.deepEqual(config.security, {});
  });

  it('rejects a missing or malformed bootstrap.servers when the store is made', () => {
    assert.throws(() => new KafkajsTopicStore({ settings: {}, logger: testLogger() }), configError('bootstrap.servers', /Missing required configuration "bootstrap.servers"/));
    assert.throws(() => connectionConfig({ 'bootstrap.servers': 'localhost' }), configError('bootstrap.servers', /Invalid value localhost/));
    assert.throws(() => connectionConfig({ 'bootstrap.servers': 'localhost:99999' }), configError('bootstrap.servers'));
  });

  it('rejects non-numeric and out-of-range timeouts naming the key', () => {
    assert.throws(() => connectionConfig({ ...BASE, 'request.timeout.ms': 'soon' }), configError('request.timeout.ms', /^Invalid value soon for configuration request.timeout.ms: Not a number of type INT$/));
    assert.throws(() => connectionConfig({ ...BASE, 'request.timeout.ms': '0' }), configError('request.timeout.ms', /at least 1/));
  });

  it('counts the retries whose exponential backoff fits in a time budget', () => {
    assert.equal(retriesWithin(1500, 100, 1000), 4); // 100 + 200 + 400 + 800
    assert.equal(retriesWithin(120_000, 100, 1000), 122); // 1500 in four steps, then 118 steps of 1000
    assert.equal(retriesWithin(10, 100, 1000), 1);
  });
});

describe('kafkajs store: security settings', () => {
  it('maps SASL_SSL with PLAIN credentials from sasl.jaas.config', () => {
    const options = securityOptions({ 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'PLAIN', 'sasl.jaas.config': PLAIN_JAAS });
    assert.deepEqual(options, { ssl: {}, sasl: { mechanism: 'plain', username: 'alice', password: 's3cr"et' } });
  });

  it('maps SCRAM-SHA-512 with explicit sasl.username and sasl.password', () => {
    const options = securityOptions({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'bob', 'sasl.password': 'pw' });
    assert.deepEqual(options, { sasl: { mechanism: 'scram-sha-512', username: 'bob', password: 'pw' } });
  });

  it('rejects SASL mechanisms kafkajs cannot do, Kafka’s GSSAPI default included', () => {
    assert.throws(() => securityOptions({ 'security.protocol': 'SASL_PLAINTEXT' }), configError('sasl.mechanism', /GSSAPI is the default/));
    assert.throws(() => securityOptions({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'OAUTHBEARER' }), configError('sasl.mechanism', /supports PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/));
    assert.throws(() => securityOptions({ 'security.protocol': 'KERBEROS' }), configError('security.protocol', /String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL/));
  });

  it('rejects missing, doubled or mismatched SASL credentials without echoing the password', () => {
    const sasl = { 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-256' };
    assert.throws(() => securityOptions(sasl), configError('sasl.jaas.config', /Missing required configuration "sasl.jaas.config"/));
    assert.throws(() => securityOptions({ ...sasl, 'sasl.jaas.config': PLAIN_JAAS }), configError('sasl.jaas.config', /needs the login module org.apache.kafka.common.security.scram.ScramLoginModule/));
    assert.throws(() => securityOptions({ ...sasl, 'sasl.jaas.config': PLAIN_JAAS, 'sasl.username': 'x' }), configError('sasl.username', /not both/));
    assert.throws(
      () => securityOptions({ ...sasl, 'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required password="hunter2";' }),
      (err) => configError('sasl.jaas.config', /needs username and password/)(err) && !String((err as Error).message).includes('hunter2'),
    );
  });

  it('parses JAAS entries with quoted, single-quoted and bare values', () => {
    const entry = parseJaasConfig(`com.example.Module optional a=1 b='two words' c="x;y";`);
    assert.equal(entry.loginModule, 'com.example.Module');
    assert.equal(entry.controlFlag, 'optional');
    assert.deepEqual([...entry.options], [['a', '1'], ['b', 'two words'], ['c', 'x;y']]);
    assert.throws(() => parseJaasConfig('com.example.Module required a=1'), configError('sasl.jaas.config', /must end with ";"/));
  });

  it('reads PEM trust and key stores and turns off host name checks only when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafkajs-ssl-'));
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(dir, 'ca.pem'), ca);
    writeFileSync(join(dir, 'client.pem'), `-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${ca}`);
    const options = securityOptions({
      'security.protocol': 'SSL',
      'ssl.truststore.location': join(dir, 'ca.pem'),
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': join(dir, 'client.pem'),
      'ssl.key.password': 'kp',
      'ssl.endpoint.identification.algorithm': '',
      'ssl.enabled.protocols': 'TLSv1.3',
    });
    assert.ok(typeof options.ssl === 'object');
    assert.equal(options.ssl.ca, ca);
    assert.match(String(options.ssl.key), /BEGIN PRIVATE KEY/);
    assert.equal(options.ssl.passphrase, 'kp');
    assert.equal(options.ssl.minVersion, 'TLSv1.3');
    assert.equal(typeof options.ssl.checkServerIdentity, 'function');
    const verifying = securityOptions({ 'security.protocol': 'SSL', 'ssl.truststore.certificates': ca });
    assert.deepEqual(verifying, { ssl: { ca: ca.trim() } });
  });

  it('rejects JKS stores and ssl settings it cannot honour', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafkajs-ssl-'));
    writeFileSync(join(dir, 'store.jks'), Buffer.from([0xfe, 0xed, 0xfe, 0xed]));
    assert.throws(() => securityOptions({ 'security.protocol': 'SSL', 'ssl.truststore.location': join(dir, 'store.jks') }), configError('ssl.truststore.location', /JKS and PKCS12 are not supported/));
    assert.throws(() => securityOptions({ 'security.protocol': 'SSL', 'ssl.truststore.location': join(dir, 'missing.pem') }), configError('ssl.truststore.location', /cannot read the file/));
    assert.throws(() => securityOptions({ 'security.protocol': 'SSL', 'ssl.cipher.suites': 'TLS_AES_128_GCM_SHA256' }), configError('ssl.cipher.suites', /not supported by the kafkajs client/));
    // ssl.* settings mean nothing without TLS, as in Kafka.
    assert.deepEqual(securityOptions({ 'ssl.cipher.suites': 'TLS_AES_128_GCM_SHA256' }), {});
  });
});

describe('kafkajs store: producer settings', () => {
  it('defaults to Kafka’s: idempotent, acks=all, no linger, 16 KiB batches, no compression', () => {
    const tuning = producerTuning({}, timings());
    assert.deepEqual(tuning, {
      idempotent: true,
      acks: -1,
      lingerMs: 0,
      batchSize: 16_384,
      maxRequestSize: 1_048_576,
      compression: CompressionTypes.None,
      maxInFlight: 5,
      retries: retriesWithin(120_000 - 30_000, 100, 1000),
      requestTimeoutMs: 30_000,
      deliveryTimeoutMs: 120_000,
      ignoreKeys: false,
      maxBlockMs: 60_000,
    });
  });

  it('maps acks, linger.ms, batch.size, gzip and retries', () => {
    const tuning = producerTuning({ acks: '1', 'linger.ms': '20', 'batch.size': '65536', 'compression.type': 'GZIP', retries: '3' }, timings());
    assert.equal(tuning.acks, 1);
    assert.equal(tuning.idempotent, false, 'acks=1 quietly turns off default idempotence, as in Kafka');
    assert.equal(tuning.lingerMs, 20);
    assert.equal(tuning.batchSize, 65_536);
    assert.equal(tuning.compression, CompressionTypes.GZIP);
    assert.equal(tuning.retries, 3);
  });

  it('fails as Kafka does when explicitly enabled idempotence conflicts', () => {
    const explicit = { 'enable.idempotence': 'true' };
    assert.throws(() => producerTuning({ ...explicit, acks: '1' }, timings()), configError('acks', /^Must set acks to all in order to use the idempotent producer/));
    assert.throws(() => producerTuning({ ...explicit, retries: '0' }, timings()), configError('retries', /Must set retries to non-zero/));
    assert.throws(() => producerTuning({ ...explicit, 'max.in.flight.requests.per.connection': '6' }, timings()), configError('max.in.flight.requests.per.connection'));
  });

  it('rejects compression codecs kafkajs lacks, transactions and foreign partitioners', () => {
    assert.throws(() => producerTuning({ 'compression.type': 'snappy' }, timings()), configError('compression.type', /supports none and gzip/));
    assert.throws(() => producerTuning({ 'compression.type': 'brotli' }, timings()), configError('compression.type', /String must be one of/));
    assert.throws(() => producerTuning({ 'transactional.id': 'tx' }, timings()), configError('transactional.id'));
    assert.throws(() => producerTuning({ 'partitioner.class': 'com.example.MyPartitioner' }, timings()), configError('partitioner.class'));
    assert.throws(() => producerTuning({ acks: 'some' }, timings()), configError('acks', /String must be one of: all, -1, 0, 1/));
  });

  it('requires delivery.timeout.ms to cover linger.ms + request.timeout.ms when set explicitly', () => {
    assert.throws(() => producerTuning({ 'delivery.timeout.ms': '1000', 'linger.ms': '5' }, timings()), configError('delivery.timeout.ms'));
    assert.equal(producerTuning({ 'linger.ms': '100000' }, timings()).deliveryTimeoutMs, 130_000);
  });
});

describe('kafkajs store: consumer settings', () => {
  it('uses Java consumer defaults and maps them to kafkajs options', () => {
    const clientTimings = timings({ 'metadata.max.age.ms': '1000' });
    const tuning = consumerTuning({ 'fetch.min.bytes': '10', 'fetch.max.wait.ms': '100', 'max.partition.fetch.bytes': '2048' }, clientTimings);
    const config = kafkajsConsumerConfig('group-a', tuning, clientTimings);
    assert.deepEqual({ ...config, retry: undefined }, {
      groupId: 'group-a',
      sessionTimeout: 45_000,
      rebalanceTimeout: 300_000,
      heartbeatInterval: 3000,
      minBytes: 10,
      maxBytes: 52_428_800,
      maxBytesPerPartition: 2048,
      maxWaitTimeInMs: 100,
      readUncommitted: true,
      allowAutoTopicCreation: true,
      metadataMaxAge: 1000,
      retry: undefined,
    });
    assert.equal(consumerTuning({ 'isolation.level': 'READ_COMMITTED' }, clientTimings).readUncommitted, false);
  });

  it('rejects what the poll-with-explicit-commits model or kafkajs cannot do', () => {
    const clientTimings = timings();
    assert.throws(() => consumerTuning({ 'heartbeat.interval.ms': '10000', 'session.timeout.ms': '10000' }, clientTimings), configError('heartbeat.interval.ms'));
    assert.throws(() => consumerTuning({ 'enable.auto.commit': 'true' }, clientTimings), configError('enable.auto.commit'));
    assert.throws(() => consumerTuning({ 'group.instance.id': 'w1' }, clientTimings), configError('group.instance.id'));
    assert.throws(() => consumerTuning({ 'group.protocol': 'consumer' }, clientTimings), configError('group.protocol'));
    assert.throws(() => consumerTuning({ 'isolation.level': 'dirty' }, clientTimings), configError('isolation.level'));
    assert.throws(
      () => consumerTuning({ 'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.RangeAssignor' }, clientTimings),
      configError('partition.assignment.strategy', /round robin only/),
    );
    assert.doesNotThrow(() => consumerTuning({ 'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.RoundRobinAssignor' }, clientTimings));
  });

  it('validates client settings when a client is made, store settings overridden by the client’s', () => {
    const store = new KafkajsTopicStore({ settings: BASE, logger: testLogger() });
    assert.throws(() => store.producer({ clientId: 'p', settings: { 'compression.type': 'zstd' } }), configError('compression.type'));
    assert.throws(
      () => store.consumer({ groupId: 'g', clientId: 'c', autoOffsetReset: 'earliest', maxPollRecords: 10, settings: { 'bootstrap.servers': 'nope' } }),
      configError('bootstrap.servers'),
    );
  });
});
