/**
 * The Kafka Connect REST calls the capture needs: create a connector stopped (so its offsets can be wiped before
 * it first runs, which lets every run reuse the same connector name), resume, watch its status, stop, and delete
 * it together with its offsets.
 */

export interface ConnectorStatus {
  readonly connector: { readonly state: string; readonly trace?: string };
  readonly tasks: ReadonlyArray<{ readonly id: number; readonly state: string; readonly trace?: string }>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

async function expectStatus(method: string, url: string, ok: readonly number[], body?: unknown): Promise<string> {
  const answer = await call(method, url, body);
  if (!ok.includes(answer.status)) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text}`);
  return answer.text;
}

export class ConnectRest {
  constructor(private readonly url: string) {}

  async exists(name: string): Promise<boolean> {
    return (await call('GET', `${this.url}/connectors/${name}`)).status === 200;
  }

  async status(name: string): Promise<ConnectorStatus | undefined> {
    const answer = await call('GET', `${this.url}/connectors/${name}/status`);
    return answer.status === 200 ? (JSON.parse(answer.text) as ConnectorStatus) : undefined;
  }

  /** Creates the connector in the STOPPED state (KIP-980), wipes any offsets a former run left, and resumes it. */
  async createFresh(name: string, config: Readonly<Record<string, string>>): Promise<void> {
    await expectStatus('POST', `${this.url}/connectors`, [201], { name, config, initial_state: 'STOPPED' });
    await this.waitFor(name, (s) => s.connector.state === 'STOPPED', 'STOPPED');
    await this.resetOffsets(name);
    await expectStatus('PUT', `${this.url}/connectors/${name}/resume`, [202]);
  }

  /**
   * Resolves when the connector and its task run; rejects with the trace when either fails. A connector resumed
   * from STOPPED sometimes stays RUNNING without tasks (the standalone herder asked for task configs before
   * PostgresConnector.start() had stored its properties, and got none); a connector restart then creates them.
   */
  async waitRunning(name: string, timeoutMs = 90_000): Promise<void> {
    let taskless = 0;
    await this.waitFor(
      name,
      (s) => {
        if (s.connector.state === 'RUNNING' && s.tasks.length === 0 && ++taskless % 25 === 0) {
          void call('POST', `${this.url}/connectors/${name}/restart`);
        }
        return s.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
      },
      'RUNNING',
      timeoutMs,
    );
  }

  /** Throws if the connector or a task has failed (used while the workload runs). */
  async assertNotFailed(name: string): Promise<void> {
    const status = await this.status(name);
    const failed = status?.tasks.find((t) => t.state === 'FAILED');
    if (status?.connector.state === 'FAILED') throw new Error(`connector ${name} failed: ${status.connector.trace ?? ''}`);
    if (failed) throw new Error(`connector ${name} task ${failed.id} failed: ${failed.trace ?? ''}`);
  }

  async stop(name: string): Promise<void> {
    await expectStatus('PUT', `${this.url}/connectors/${name}/stop`, [202, 204]);
    await this.waitFor(name, (s) => s.connector.state === 'STOPPED' && s.tasks.length === 0, 'STOPPED');
  }

  /** DELETE /connectors/{name}/offsets; the connector must be STOPPED. */
  async resetOffsets(name: string): Promise<void> {
    await expectStatus('DELETE', `${this.url}/connectors/${name}/offsets`, [200]);
  }

  /** Stops the connector, wipes its offsets and deletes it; a missing connector is fine. */
  async remove(name: string): Promise<void> {
    if (!(await this.exists(name))) return;
    await this.stop(name).catch(() => undefined);
    await this.resetOffsets(name).catch(() => undefined);
    await expectStatus('DELETE', `${this.url}/connectors/${name}`, [204, 404]);
    for (let i = 0; i < 100 && (await this.exists(name)); i += 1) await sleep(100);
  }

  private async waitFor(
    name: string,
    done: (status: ConnectorStatus) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: ConnectorStatus | undefined;
    while (Date.now() < deadline) {
      last = await this.status(name);
      if (last && done(last)) return;
      if (last && what !== 'STOPPED') await this.assertNotFailed(name);
      await sleep(200);
    }
    throw new Error(`connector ${name} did not reach ${what} within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }
}
