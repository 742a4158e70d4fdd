import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import type { RawConfig, SourceTaskContext } from '../api/connector.js';
import type { OffsetStorageReader } from '../api/offsets.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';
import { CdcSourceTask, type CdcAdapter, type CdcContext } from './cdc-task.js';

const logger = pino({ level: 'silent' });
const CONFIG: RawConfig = { 'topic.prefix': 'srv', 'max.queue.size': '4', 'max.batch.size': '2', 'poll.interval.ms': '30' };

const offsetStorageReader: OffsetStorageReader = {
  offset: async () => ({ lsn: 1 }),
  offsets: async (partitions) => new Map(partitions.map((p) => [p, { lsn: 1 }])),
};

const record = (n: number): SourceRecord => sourceRecord({ topic: 'srv.public.t', value: n, sourcePartition: { server: 'srv' }, sourceOffset: { lsn: n } });

interface Harness {
  readonly task: CdcSourceTask;
  readonly controller: AbortController;
  readonly progress: Array<Readonly<Record<string, unknown>> | null>;
  readonly events: string[];
  readonly acknowledged: Array<ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset }>>;
  context(): CdcContext;
  createdWith(): { config: RawConfig; logger: unknown };
  queueSettingsFrom(): RawConfig | undefined;
}

/** A task over an adapter whose run() is `run`. */
function harness(run: (context: CdcContext) => Promise<void>, options: { reportProgress?: boolean } = {}): Harness {
  const controller = new AbortController();
  const progress: Array<Readonly<Record<string, unknown>> | null> = [];
  const events: string[] = [];
  const acknowledged: Array<ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset }>> = [];
  let captured: CdcContext | undefined;
  let created: { config: RawConfig; logger: unknown } | undefined;
  let settingsConfig: RawConfig | undefined;
  const adapter: CdcAdapter = {
    run: async (context) => {
      captured = context;
      events.push('run');
      try {
        await run(context);
      } finally {
        events.push('run settled');
      }
    },
    acknowledge: (committed) => {
      acknowledged.push(committed);
    },
    close: async () => {
      events.push('close');
    },
  };
  const task = new CdcSourceTask({
    createAdapter: (config, log) => {
      created = { config, logger: log };
      return adapter;
    },
    queueSettings: (config) => {
      settingsConfig = config;
      return { maxQueueSize: Number(config['max.queue.size']), maxBatchSize: Number(config['max.batch.size']), pollIntervalMs: Number(config['poll.interval.ms']) };
    },
  });
  const context: SourceTaskContext = {
    logger,
    config: CONFIG,
    offsetStorageReader,
    signal: controller.signal,
    ...(options.reportProgress === false ? {} : { reportProgress: (p: Readonly<Record<string, unknown>> | null) => progress.push(p) }),
  };
  task.start(CONFIG, context);
  return {
    task,
    controller,
    progress,
    events,
    acknowledged,
    context: () => {
      assert.ok(captured, 'adapter.run was not called');
      return captured;
    },
    createdWith: () => {
      assert.ok(created, 'createAdapter was not called');
      return created;
    },
    queueSettingsFrom: () => settingsConfig,
  };
}

/** The error the task's polls report, polling a few times (a poll may return what it has first). */
async function failureOf(task: CdcSourceTask): Promise<unknown> {
  for (let i = 0; i < 5; i++) {
    try {
      await task.poll();
    } catch (err) {
      return err;
    }
  }
  assert.fail('no poll reported the failure');
}

/** Runs until the signal aborts, like a streaming adapter. */
const untilAborted = (context: CdcContext) =>
  new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });

describe('CdcSourceTask.start', () => {
  it('creates the adapter from the task config and logger and runs it', async () => {
    const h = harness(untilAborted);
    assert.deepEqual(h.createdWith().config, CONFIG);
    assert.equal(h.createdWith().logger, logger);
    assert.deepEqual(h.queueSettingsFrom(), CONFIG);
    const context = h.context();
    assert.equal(context.logger, logger);
    assert.equal(context.offsetStorageReader, offsetStorageReader);
    assert.equal(context.signal.aborted, false);
    await h.task.stop();
  });

  it('sizes the queue from max.queue.size (QueueRemainingCapacity)', async () => {
    const h = harness(async (context) => {
      await context.queue.enqueue([record(1)]);
      await untilAborted(context);
    });
    await sleep(5);
    assert.equal(h.task.queueRemainingCapacity, 3);
    await h.task.poll();
    assert.equal(h.task.queueRemainingCapacity, 4);
    await h.task.stop();
  });

  it('forwards progress reports to the task context', async () => {
    const h = harness(async (context) => {
      context.reportProgress({ phase: 'snapshot', tables: 2 });
      context.reportProgress(null);
      await untilAborted(context);
    });
    await sleep(5);
    assert.deepEqual(h.progress, [{ phase: 'snapshot', tables: 2 }, null]);
    await h.task.stop();
  });

  it('tolerates a runtime that takes no progress reports', async () => {
    const h = harness(
      async (context) => {
        context.reportProgress({ phase: 'snapshot' });
        await context.queue.enqueue([record(1)]);
        await untilAborted(context);
      },
      { reportProgress: false },
    );
    assert.deepEqual(
      (await h.task.poll())?.map((r) => r.value),
      [1],
    );
    await h.task.stop();
  });
});

describe('CdcSourceTask.poll', () => {
  it('hands out what the adapter queued, in batches of max.batch.size', async () => {
    const h = harness(async (context) => {
      await context.queue.enqueue([record(1), record(2), record(3)]);
      await untilAborted(context);
    });
    assert.deepEqual(
      (await h.task.poll())?.map((r) => r.value),
      [1, 2],
    );
    assert.deepEqual(
      (await h.task.poll())?.map((r) => r.value),
      [3],
    );
    await h.task.stop();
  });

  it('returns null when nothing arrived within poll.interval.ms', async () => {
    const h = harness(untilAborted);
    const start = performance.now();
    assert.equal(await h.task.poll(), null);
    assert.ok(performance.now() - start >= 25);
    await h.task.stop();
  });

  it('makes the adapter wait while the queue is full (backpressure)', async () => {
    let queued = 0;
    const h = harness(async (context) => {
      for (let i = 1; i <= 10; i++) {
        await context.queue.enqueue([record(i)], context.signal);
        queued = i;
      }
      await untilAborted(context);
    });
    await sleep(20);
    assert.equal(queued, 4);
    const seen: number[] = [];
    while (seen.length < 10) seen.push(...((await h.task.poll()) ?? []).map((r) => r.value as number));
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await h.task.stop();
  });

  it("fails with the adapter's failure", async () => {
    const failure = new Error('replication slot "srv" does not exist');
    const h = harness(async () => {
      throw failure;
    });
    // Debezium wraps the failure (see debezium-differences); either way it must be the reported cause.
    const reported = await failureOf(h.task);
    assert.ok(reported === failure || (reported as Error).cause === failure, `got ${String(reported)}`);
    await assert.rejects(h.task.poll(), (err: unknown) => err === failure || (err as Error).cause === failure);
    await h.task.stop();
  });

  it('turns a non-Error rejection into an Error', async () => {
    const h = harness(async () => {
      throw 'connection reset';
    });
    const reported = await failureOf(h.task);
    assert.ok(reported instanceof Error && /connection reset/.test(`${reported.message} ${String(reported.cause)}`), `got ${String(reported)}`);
    await h.task.stop();
  });

  it('returns promptly when the runtime asks the task to stop', async () => {
    const h = harness(untilAborted);
    const start = performance.now();
    const polling = h.task.poll();
    await sleep(5);
    h.controller.abort();
    assert.equal(await polling, null);
    assert.ok(performance.now() - start < 1_000);
    await h.task.stop();
  });
});

describe('CdcSourceTask.commit', () => {
  it('hands the committed offsets to the adapter', async () => {
    const h = harness(untilAborted);
    const committed = [{ partition: { server: 'srv' }, offset: { lsn: 42 } }];
    await h.task.commit(committed);
    assert.deepEqual(h.acknowledged, [committed]);
    await h.task.stop();
  });

  it('does not call the adapter when nothing was committed', async () => {
    const h = harness(untilAborted);
    await h.task.commit([]);
    await h.task.commit();
    assert.deepEqual(h.acknowledged, []);
    await h.task.stop();
  });
});

describe('CdcSourceTask.stop', () => {
  it('aborts the adapter, waits for it to finish, then closes it', async () => {
    const h = harness(async (context) => {
      await untilAborted(context);
      await sleep(10);
    });
    await sleep(5);
    await h.task.stop();
    assert.equal(h.context().signal.aborted, true);
    assert.deepEqual(h.events, ['run', 'run settled', 'close']);
  });

  it("aborts the adapter when the runtime's signal aborts", async () => {
    const h = harness(untilAborted);
    h.controller.abort();
    await sleep(5);
    assert.equal(h.context().signal.aborted, true);
    assert.deepEqual(h.events, ['run', 'run settled']);
    await h.task.stop();
  });

  it('does not report a failure the adapter raises while stopping', async () => {
    const h = harness(async (context) => {
      await untilAborted(context);
      throw new Error('terminating connection due to administrator command');
    });
    await h.task.stop();
    assert.equal(await h.task.poll(), null);
  });

  it('closes the adapter even after it failed', async () => {
    const h = harness(async () => {
      throw new Error('boom');
    });
    await sleep(5);
    await h.task.stop();
    assert.deepEqual(h.events, ['run', 'run settled', 'close']);
  });
});

describe('CdcSourceTask before start', () => {
  it('has no queue capacity', () => {
    const task = new CdcSourceTask({
      createAdapter: () => {
        throw new Error('not started');
      },
      queueSettings: () => ({ maxQueueSize: 1, maxBatchSize: 1, pollIntervalMs: 1 }),
    });
    assert.equal(task.queueRemainingCapacity, 0);
  });
});
