import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { goInstall, installAtomically, installDir, isInstalled } from '../installers.js';
import { spawnDetached } from '../proc.js';
import { httpAnswers, type ServiceDefinition } from '../service.js';

const VERSITYGW = 'github.com/versity/versitygw/cmd/versitygw@v1.7.0';
const PORT = 17070;

export interface S3Info {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** versitygw serves buckets by path (`/bucket/key`), not by virtual host. */
  readonly forcePathStyle: true;
  readonly implementation: string;
}

const info: S3Info = {
  endpoint: `http://127.0.0.1:${PORT}`,
  region: 'us-east-1',
  accessKeyId: 'tidewater',
  secretAccessKey: 'tidewater-secret',
  forcePathStyle: true,
  implementation: 'versitygw v1.7.0 (posix backend)',
};

/** An S3-compatible server: versitygw built with `go install`, storing objects as files. */
export const s3: ServiceDefinition<S3Info> = {
  name: 's3',
  title: 'S3: versitygw v1.7.0 (built with go install)',
  info,
  ports: [PORT],
  readyTimeoutMs: 30_000,
  isInstalled: () => isInstalled('s3', VERSITYGW),
  async install(ctx) {
    await installAtomically('s3', VERSITYGW, (tmp) => goInstall(VERSITYGW, join(tmp, 'bin'), ctx.installLog));
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    const data = join(ctx.home, 'data');
    const meta = join(ctx.home, 'meta');
    mkdirSync(data, { recursive: true });
    mkdirSync(meta, { recursive: true });
    return spawnDetached({
      command: join(installDir('s3'), 'bin', 'versitygw'),
      // --sidecar keeps object metadata in files, so no xattr support is needed from the file system.
      args: ['--port', `127.0.0.1:${PORT}`, '--health', '/health', 'posix', '--sidecar', meta, data],
      env: { ...process.env, ROOT_ACCESS_KEY: info.accessKeyId, ROOT_SECRET_KEY: info.secretAccessKey },
      logFile: ctx.logFile,
    });
  },
  probe: () => httpAnswers(`${info.endpoint}/health`),
};
