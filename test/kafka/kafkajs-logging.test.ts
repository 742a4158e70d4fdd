import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import { ConnectError, RetriableError } from '../../src/api/errors.js';
import { toStoreError } from '../../src/kafka/kafkajs/errors.js';
import { kafkajsLogLevel, pinoLogCreator } from '../../src/kafka/kafkajs/logging.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: pino({ level }, destination) };
}

describe('kafkajs store: logging', () => {
  it('writes kafkajs entries to the pino logger with their namespace and fields', () => {
    const { lines, logger } = capture('debug');
    const log = pinoLogCreator(logger)(logLevel.DEBUG);
    log({ namespace: 'Consumer', level: logLevel.INFO, label: 'INFO', log: { timestamp: '2024-01-01T00:00:00Z', message: 'Consumer has joined the group', groupId: 'g1' } });
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'x', message: 'Connection timeout', broker: 'b:9092', clientId: 'c1', logger: 'kafkajs' } });
    assert.deepEqual(
      lines.map(({ time: _time, pid: _pid, hostname: _hostname, ...line }) => line),
      [
        { level: 30, library: 'kafkajs', namespace: 'Consumer', msg: 'Consumer has joined the group', groupId: 'g1' },
        { level: 50, library: 'kafkajs', namespace: 'Connection', msg: 'Connection timeout', broker: 'b:9092' },
      ],
    );
  });

  it('demotes the notices this adapter causes on purpose', () => {
    const { lines, logger } = capture('debug');
    const log = pinoLogCreator(logger)(logLevel.DEBUG);
    log({ namespace: 'Producer', level: logLevel.WARN, label: 'WARN', log: { timestamp: 'x', message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees' } });
    log({ namespace: 'ConsumerGroup', level: logLevel.INFO, label: 'INFO', log: { timestamp: 'x', message: 'Pausing fetching from 1 topics' } });
    assert.deepEqual(lines.map((line) => line.level), [20, 20]);
  });

  it('asks kafkajs for no more than the pino level lets through', () => {
    assert.equal(kafkajsLogLevel(pino({ level: 'debug' })), logLevel.DEBUG);
    assert.equal(kafkajsLogLevel(pino({ level: 'info' })), logLevel.INFO);
    assert.equal(kafkajsLogLevel(pino({ level: 'error' })), logLevel.ERROR);
    assert.equal(kafkajsLogLevel(pino({ level: 'silent' })), logLevel.NOTHING);
  });
});

describe('kafkajs store: error mapping', () => {
  it('makes a RetriableError of retriable kafkajs errors and of exhausted retries', () => {
    const timeout = Object.assign(new Error('Request Produce(key: 0, version: 7) timed out'), { name: 'KafkaJSRequestTimeoutError', retriable: true });
    const mapped = toStoreError(timeout, 'Producing records failed');
    assert.ok(mapped instanceof RetriableError);
    assert.equal(mapped.message, 'Producing records failed: Request Produce(key: 0, version: 7) timed out');
    assert.equal(mapped.cause, timeout);
    const exhausted = Object.assign(new Error('Not leader'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause: { type: 'NOT_LEADER_FOR_PARTITION', retriable: true } });
    assert.ok(toStoreError(exhausted, 'x') instanceof RetriableError);
  });

  it('makes a ConnectError of the rest, naming the Kafka error type', () => {
    const denied = Object.assign(new Error('Not authorized to access topics'), { name: 'KafkaJSProtocolError', retriable: false, type: 'TOPIC_AUTHORIZATION_FAILED' });
    const mapped = toStoreError(denied, 'Producing records failed');
    assert.ok(mapped instanceof ConnectError);
    assert.equal(mapped.retriable, false);
    assert.equal(mapped.message, 'Producing records failed: Not authorized to access topics (TOPIC_AUTHORIZATION_FAILED)');
  });
});
