import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ConnectError, RetriableError, type TidewaterError } from '../../../src/api/errors.js';
import { INVALID_LSN, assertLsn, formatLsn, type Lsn } from '../protocol/lsn.js';
import { createPgoutputState } from '../protocol/pgoutput.js';
import {
  decodeCopyData,
  encodeCopyData,
  encodeCopyDone,
  encodeStandbyStatusUpdate,
  unixMicrosNow,
  type DecodedReplicationMessage,
} from '../protocol/replication-messages.js';
import { CopyBothSplitter, type CopyBothSink } from './copy-both.js';
import { toReplicationError } from './errors.js';
import { SizedFifo } from './fifo.js';

/** What the stream yields: a decoded pgoutput message with its XLogData positions, or a server keepalive. */
export type ReplicationEvent = DecodedReplicationMessage;

export type ReplicationStreamState = 'idle' | 'starting' | 'streaming' | 'stopping' | 'stopped' | 'failed';

export interface ReplicationStreamStats {
  readonly state: ReplicationStreamState;
  /** Events decoded and not yet taken by the consumer. */
  readonly queued: number;
  readonly queuedBytes: number;
  /** True while reading from the socket is paused because the consumer is behind. */
  readonly paused: boolean;
  readonly pauses: number;
  readonly messages: number;
  readonly bytes: number;
  readonly keepalives: number;
  /** Keepalives that asked for an immediate reply (each was answered). */
  readonly replyRequests: number;
  readonly statusUpdates: number;
  /** The highest position acknowledged by the caller: the only position ever reported to the server. */
  readonly acknowledgedLsn: Lsn;
  /** The highest walStart of received data. */
  readonly receivedLsn: Lsn;
  /** The highest walEnd the server reported. */
  readonly serverWalEnd: Lsn;
}

export interface ReplicationStreamOptions {
  /** The pg connection's socket; the stream takes it over while replication runs. */
  readonly socket: Duplex;
  /** Sends START_REPLICATION; settles when the copy ends (resolves) or the server refuses or fails (rejects). */
  readonly run: () => Promise<unknown>;
  /** How often a status update is sent even when the server asks for none. */
  readonly statusIntervalMs: number;
  /** Queued events at which reading pauses (resumes at half). */
  readonly highWaterMark: number;
  /** Queued bytes at which reading pauses (resumes at half). */
  readonly highWaterMarkBytes: number;
  /** How long stop() waits for the server to end the copy before dropping the connection. */
  readonly stopTimeoutMs: number;
  /** Called when stop() gave up waiting, to close the connection. */
  readonly abandon: () => void;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Sees every CopyData body before it is decoded (fixture capture, diagnostics). */
  readonly tap?: (body: Uint8Array) => void;
  /** For messages: what is streaming (e.g. the slot name). */
  readonly name: string;
}

interface Waiter {
  readonly resolve: (result: IteratorResult<ReplicationEvent>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A running logical replication stream: an async iterable of decoded events with backpressure, keepalive
 * answers and acknowledgements. Safety rule: every status update reports `acknowledgedLsn` as the written,
 * flushed and applied position, so the slot's confirmed_flush_lsn only ever moves to positions the caller
 * passed to acknowledge(). Until the first acknowledge() it reports 0/0, which confirms nothing.
 */
export class ReplicationStream implements AsyncIterable<ReplicationEvent>, CopyBothSink {
  readonly #options: ReplicationStreamOptions;
  readonly #splitter: CopyBothSplitter;
  readonly #pgoutput = createPgoutputState();
  readonly #queue = new SizedFifo<ReplicationEvent>();
  #state: ReplicationStreamState = 'idle';
  #waiter: Waiter | undefined;
  #error: TidewaterError | undefined;
  #started: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  #command: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #paused = false;
  #clientCopyDone = false;
  #acknowledged: Lsn = INVALID_LSN;
  #receivedLsn: Lsn = INVALID_LSN;
  #serverWalEnd: Lsn = INVALID_LSN;
  #messages = 0;
  #bytes = 0;
  #pauses = 0;
  #statusUpdates = 0;
  #keepalives = 0;
  #replyRequests = 0;
  readonly #onAbort = (): void => void this.stop();

  constructor(options: ReplicationStreamOptions) {
    this.#options = options;
    this.#splitter = new CopyBothSplitter({ stream: options.socket, sink: this });
  }

  get state(): ReplicationStreamState {
    return this.#state;
  }

  get acknowledgedLsn(): Lsn {
    return this.#acknowledged;
  }

  /** Sends START_REPLICATION and resolves once the server is streaming (CopyBoth), or rejects with its refusal. */
  start(): Promise<void> {
    if (this.#state !== 'idle') return Promise.reject(new ConnectError(`replication stream ${this.#options.name} was already started`));
    const { signal } = this.#options;
    if (signal?.aborted) return Promise.reject(new ConnectError(`replication of ${this.#options.name} aborted before it started`, { cause: signal.reason }));
    this.#state = 'starting';
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    const started = new Promise<void>((resolve, reject) => (this.#started = { resolve, reject }));
    this.#splitter.install();
    this.#command = this.#options.run().then(
      () => this.#commandEnded(undefined),
      (err: unknown) => this.#commandEnded(err),
    );
    return started;
  }

  /** Records that everything up to `lsn` is safely handled; the next status update confirms it. Never moves back. */
  acknowledge(lsn: Lsn): void {
    assertLsn(lsn);
    if (lsn > this.#acknowledged) this.#acknowledged = lsn;
  }

  /** Sends a status update now (the acknowledged position), instead of waiting for the interval or a keepalive. */
  sendStatusUpdate(): void {
    if (this.#state === 'streaming') this.#writeStatus();
  }

  #writeStatus(): void {
    if (this.#clientCopyDone) return;
    const socket = this.#options.socket;
    if (socket.destroyed || !socket.writable) return;
    const lsn = this.#acknowledged;
    socket.write(encodeCopyData(encodeStandbyStatusUpdate({ written: lsn, flushed: lsn, applied: lsn, clock: unixMicrosNow(), replyRequested: false })));
    this.#statusUpdates++;
  }

  stats(): ReplicationStreamStats {
    return {
      state: this.#state,
      queued: this.#queue.length,
      queuedBytes: this.#queue.bytes,
      paused: this.#paused,
      pauses: this.#pauses,
      messages: this.#messages,
      bytes: this.#bytes,
      keepalives: this.#keepalives,
      replyRequests: this.#replyRequests,
      statusUpdates: this.#statusUpdates,
      acknowledgedLsn: this.#acknowledged,
      receivedLsn: this.#receivedLsn,
      serverWalEnd: this.#serverWalEnd,
    };
  }

  /**
   * Ends replication cleanly: reports the acknowledged position one last time, sends CopyDone and waits for
   * the server to finish the command. Events not yet taken are dropped (they were not acknowledged, so the
   * server sends them again next time). The connection stays open for further commands.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const { socket, stopTimeoutMs, logger, name } = this.#options;
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    const wasStreaming = this.#state === 'streaming';
    if (this.#state !== 'failed') this.#state = 'stopping';
    this.#started?.reject(new ConnectError(`replication of ${name} was stopped before it started streaming`));
    this.#started = undefined;
    this.#clearTimer();
    this.#queue.clear();
    this.#settleWaiter();
    if (wasStreaming && !socket.destroyed && socket.writable) {
      this.#writeStatus();
      socket.write(encodeCopyDone());
      this.#clientCopyDone = true;
    }
    this.#resume();
    if (this.#command) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.#command.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), stopTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        logger?.warn({ slot: name, timeoutMs: stopTimeoutMs }, 'the server did not end replication in time; closing the connection');
        this.#options.abandon();
      }
    }
    this.#splitter.uninstall();
    if (this.#state !== 'failed') this.#state = 'stopped';
    logger?.debug({ slot: name, acknowledged: formatLsn(this.#acknowledged) }, 'replication stopped');
  }

  [Symbol.asyncIterator](): AsyncIterator<ReplicationEvent> {
    return {
      next: () => this.#next(),
      return: async () => {
        await this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  #next(): Promise<IteratorResult<ReplicationEvent>> {
    const event = this.#queue.shift();
    if (event !== undefined) {
      if (this.#paused) this.#maybeResume();
      return Promise.resolve({ done: false, value: event });
    }
    if (this.#error) return Promise.reject(this.#error);
    if (this.#state === 'stopping' || this.#state === 'stopped') return Promise.resolve({ done: true, value: undefined });
    if (this.#waiter) return Promise.reject(new ConnectError('a replication stream supports one reader at a time'));
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  /** CopyBothSink: one CopyData body from the server. */
  onCopyData(buffer: Buffer, start: number, end: number): void {
    if (this.#state !== 'streaming') return; // stopping: the rest is dropped, unacknowledged
    let event: ReplicationEvent;
    try {
      this.#options.tap?.(buffer.subarray(start, end));
      event = decodeCopyData(buffer, this.#pgoutput, start, end);
    } catch (err) {
      this.#fail(toReplicationError(err, `decoding replication data of ${this.#options.name}`));
      this.#options.abandon();
      return;
    }
    this.#messages++;
    this.#bytes += end - start;
    if (event.type === 'keepalive') {
      this.#keepalives++;
      if (event.walEnd > this.#serverWalEnd) this.#serverWalEnd = event.walEnd;
      if (event.replyRequested) {
        this.#replyRequests++;
        this.sendStatusUpdate();
      }
    } else {
      if (event.walStart > this.#receivedLsn) this.#receivedLsn = event.walStart;
      if (event.walEnd > this.#serverWalEnd) this.#serverWalEnd = event.walEnd;
    }
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.#queue.push(event, end - start);
    if (!this.#paused && (this.#queue.length >= this.#options.highWaterMark || this.#queue.bytes >= this.#options.highWaterMarkBytes)) {
      this.#paused = true;
      this.#pauses++;
      this.#options.socket.pause();
    }
  }

  onCopyBothStart(): void {
    if (this.#state === 'stopping' && !this.#clientCopyDone) {
      // stop() came first: end the copy the server just began.
      this.#clientCopyDone = true;
      this.#options.socket.write(encodeCopyDone());
    }
    if (this.#state !== 'starting') return;
    this.#state = 'streaming';
    const interval = this.#options.statusIntervalMs;
    this.#timer = setInterval(() => this.sendStatusUpdate(), interval);
    this.#timer.unref();
    this.#options.logger?.debug({ slot: this.#options.name, statusIntervalMs: interval }, 'replication streaming');
    this.#started?.resolve();
    this.#started = undefined;
  }

  onCopyDone(): void {
    // The server ends its half; answer with ours so the command can complete.
    if (this.#clientCopyDone) return;
    this.#clientCopyDone = true;
    const socket = this.#options.socket;
    if (!socket.destroyed && socket.writable) socket.write(encodeCopyDone());
  }

  #commandEnded(err: unknown): void {
    this.#splitter.uninstall();
    this.#resume(); // the socket is pg's again: it must not stay paused
    this.#clearTimer();
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    const name = this.#options.name;
    if (this.#state === 'starting') {
      const error = err === undefined ? new ConnectError(`START_REPLICATION for ${name} ended without streaming`) : toReplicationError(err, `starting replication from slot ${name}`);
      this.#state = 'failed';
      this.#error = error;
      this.#started?.reject(error);
      this.#started = undefined;
      return;
    }
    if (this.#state === 'streaming') {
      this.#fail(
        err === undefined
          ? new RetriableError(`replication from slot ${name}: the server ended the stream`)
          : toReplicationError(err, `replication from slot ${name}`),
      );
      return;
    }
    if (err !== undefined) this.#options.logger?.debug({ slot: name, err }, 'replication command ended with an error while stopping');
  }

  #fail(error: TidewaterError): void {
    if (this.#state === 'failed' || this.#state === 'stopped') return;
    this.#state = 'failed';
    this.#error = error;
    this.#clearTimer();
    this.#options.logger?.warn({ slot: this.#options.name, err: error }, 'replication failed');
    if (this.#queue.length === 0) this.#settleWaiter();
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    if (this.#error) waiter.reject(this.#error);
    else waiter.resolve({ done: true, value: undefined });
  }

  #maybeResume(): void {
    if (this.#queue.length <= this.#options.highWaterMark / 2 && this.#queue.bytes <= this.#options.highWaterMarkBytes / 2) this.#resume();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#options.socket.resume();
  }

  #clearTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
