/**
 * Runs Kafka's own converters (test/fixtures/json-converter-oracle/JsonConverterOracle.java) as the
 * reference for the differential tests. The oracle is compiled against Kafka Connect 3.9.1's jars into
 * the Tidewater cache, keyed by a hash of its source, like the compose-check tool.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled } from '../../env/index.js';
import { compileJava, fileHash, findJava, installAtomically, installDir, isInstalled } from '../../env/installers.js';
import { withLock } from '../../env/lock.js';
import { cacheRoot, repoRoot } from '../../env/paths.js';
import { report } from '../../env/progress.js';
import type { JavaFloatingPointStyle } from '../../../src/converters/java/number-format.js';

const SOURCE = join(repoRoot, 'test', 'fixtures', 'json-converter-oracle', 'JsonConverterOracle.java');
const NAME = 'json-converter-oracle';

export interface Oracle {
  /** Sends every case (one JSON object each) and returns Kafka's answers in the same order. */
  run(cases: readonly object[]): Promise<Array<Record<string, unknown>>>;
  /** The JVM's feature version. */
  readonly javaVersion: number;
  /** How that JVM prints doubles and floats (the algorithm changed in JDK 19). */
  readonly floatingPointStyle: JavaFloatingPointStyle;
}

/** Compiles the oracle if its source changed, returning how to run it on a Java of at least `minJava`. */
export async function kafkaOracle(minJava = 17): Promise<Oracle> {
  await ensureInstalled('connect');
  const libs = join(installDir('connect'), 'libs');
  const key = `JsonConverterOracle.java@${fileHash(SOURCE)}`;
  const logFile = join(cacheRoot(), 'logs', `${NAME}-install.log`);
  await withLock(`install-${NAME}`, async () => {
    if (isInstalled(NAME, key) && existsSync(join(installDir(NAME), 'classes', 'JsonConverterOracle.class'))) return;
    const started = Date.now();
    await installAtomically(NAME, key, (tmp) => compileJava(SOURCE, libs, join(tmp, 'classes'), logFile));
    report(NAME, 'installed', started);
  });
  const java = await findJava(minJava, logFile);
  const classpath = `${join(installDir(NAME), 'classes')}:${libs}/*`;
  const [version] = await runJava(java, classpath, [{ id: 'version', op: 'version' }]);
  const javaVersion = Number(version?.java);
  return {
    run: (cases) => runJava(java, classpath, cases),
    javaVersion,
    floatingPointStyle: javaVersion >= 19 ? 'shortest' : 'legacy',
  };
}

function runJava(java: string, classpath: string, cases: readonly object[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(java, ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto', '-cp', classpath, 'JsonConverterOracle'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, TZ: 'UTC' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) return reject(new Error(`oracle exited with ${code}: ${stderr}`));
      const lines = Buffer.concat(out).toString('utf8').split('\n').filter((l) => l.trim() !== '');
      if (lines.length !== cases.length) return reject(new Error(`oracle answered ${lines.length} of ${cases.length} cases: ${stderr}`));
      resolve(lines.map((l) => JSON.parse(l) as Record<string, unknown>));
    });
    child.stdin.end(cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  });
}
