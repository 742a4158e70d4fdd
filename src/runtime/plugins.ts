/**
 * The plugins a worker knows (Kafka's Plugins): built-ins from the explicit lists plus user modules found on
 * `plugin.path`. A plugin is found by its class name, any alias, its simple name (after the last dot) or its
 * simple name without the kind suffix (`FileStreamSource`), as Kafka Connect resolves aliases; a short name
 * two plugins share resolves to neither.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConnectError } from '../api/errors.js';
import type {
  ConnectorPlugin,
  ConverterPlugin,
  HeaderConverterPlugin,
  Plugin,
  PluginKind,
  PredicatePlugin,
  TransformationPlugin,
} from '../api/plugin.js';
import type { PluginDescription } from './herder.js';

const SUFFIX: Record<PluginKind, string> = {
  source: 'Connector',
  sink: 'Connector',
  converter: 'Converter',
  header_converter: 'Converter',
  transformation: 'Transformation',
  predicate: 'Predicate',
};

function shortNames(plugin: Plugin): string[] {
  const simple = plugin.className.slice(plugin.className.lastIndexOf('.') + 1);
  const suffix = SUFFIX[plugin.kind];
  const pruned = simple.endsWith(suffix) && simple !== suffix ? simple.slice(0, -suffix.length) : simple;
  return [...new Set([simple, pruned])];
}

type KindOf<K extends PluginKind> = Extract<Plugin, { kind: K }>;

export class PluginRegistry {
  /** Class name → plugins; a class may serve several kinds (JsonConverter is also a header converter). */
  private readonly byClass = new Map<string, Plugin[]>();
  private readonly byAlias = new Map<string, Plugin[]>();

  constructor(plugins: Iterable<Plugin> = []) {
    for (const plugin of plugins) this.add(plugin);
  }

  add(plugin: Plugin): void {
    const same = this.byClass.get(plugin.className) ?? [];
    if (same.some((p) => p.kind === plugin.kind)) throw new ConnectError(`Plugin ${plugin.className} is registered twice`);
    this.byClass.set(plugin.className, [...same, plugin]);
    for (const alias of [...(plugin.aliases ?? []), ...shortNames(plugin)]) {
      if (alias === plugin.className) continue;
      const existing = this.byAlias.get(alias) ?? [];
      if (!existing.includes(plugin)) this.byAlias.set(alias, [...existing, plugin]);
    }
  }

  /** The plugins a name refers to: by class name, else by an alias only one plugin of a kind has. */
  private candidates(name: string): Plugin[] {
    const exact = this.byClass.get(name);
    if (exact) return exact;
    const aliased = this.byAlias.get(name) ?? [];
    // An alias two plugins of the same kind share is ambiguous: it resolves to neither (Kafka drops such aliases).
    return aliased.filter((p) => aliased.filter((q) => q.kind === p.kind).length === 1);
  }

  /** The plugin a name refers to, of any kind. */
  find(name: string): Plugin | undefined {
    return this.candidates(name)[0];
  }

  findOfKind<K extends PluginKind>(name: string, ...kinds: K[]): KindOf<K> | undefined {
    return this.candidates(name).find((p): p is KindOf<K> => (kinds as PluginKind[]).includes(p.kind));
  }

  all(): Plugin[] {
    return [...this.byClass.values()].flat();
  }

  ofKind<K extends PluginKind>(...kinds: K[]): KindOf<K>[] {
    return this.all().filter((p): p is KindOf<K> => (kinds as PluginKind[]).includes(p.kind));
  }

  /** A connector plugin, or Kafka's error listing the available ones. */
  connector(name: string): ConnectorPlugin {
    const plugin = this.findOfKind(name, 'source', 'sink');
    if (plugin) return plugin;
    const available = this.ofKind('source', 'sink')
      .sort((a, b) => a.className.localeCompare(b.className))
      .map((p) => `PluginDesc{klass=class ${p.className}, name='${p.className}', version='${p.version}', encodedVersion=${p.version}, type=${p.kind}, typeName='${p.kind}', location='classpath'}`)
      .join(', ');
    throw new ConnectError(`Failed to find any class that implements Connector and which name matches ${name}, available connectors are: ${available}`);
  }

  transformation(name: string): TransformationPlugin | undefined {
    return this.findOfKind(name, 'transformation');
  }

  predicate(name: string): PredicatePlugin | undefined {
    return this.findOfKind(name, 'predicate');
  }

  converter(name: string): ConverterPlugin | undefined {
    return this.findOfKind(name, 'converter');
  }

  headerConverter(name: string): HeaderConverterPlugin | undefined {
    return this.findOfKind(name, 'header_converter');
  }

  /** `GET /connector-plugins`: grouped by kind (sinks, then sources, …) and sorted by class name, as Kafka lists them. */
  describe(options: { connectorsOnly: boolean }): PluginDescription[] {
    const kinds: PluginKind[] = options.connectorsOnly
      ? ['sink', 'source']
      : ['sink', 'source', 'transformation', 'predicate', 'converter', 'header_converter'];
    return this.all()
      .filter((p) => kinds.includes(p.kind))
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.className.localeCompare(b.className))
      .map((p) => ({ class: p.className, type: p.kind, version: p.version }));
  }
}

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts']);

function isPlugin(value: unknown): value is Plugin {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<Plugin>;
  return typeof p.kind === 'string' && typeof p.className === 'string' && typeof p.version === 'string' && typeof p.create === 'function';
}

function pluginsOf(module: Record<string, unknown>): Plugin[] {
  const candidates = [module.default, module.plugins].flatMap((v) => (Array.isArray(v) ? v : [v]));
  return candidates.filter(isPlugin);
}

function moduleFiles(entry: string): string[] {
  const full = resolve(entry);
  if (!existsSync(full)) throw new ConnectError(`plugin.path entry ${entry} does not exist`);
  if (statSync(full).isFile()) return [full];
  const files: string[] = [];
  for (const name of readdirSync(full).sort()) {
    const path = join(full, name);
    if (statSync(path).isDirectory()) {
      const pkg = join(path, 'package.json');
      const main = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { main?: string }).main : undefined;
      const index = [main, 'index.js', 'index.mjs', 'index.ts'].filter((m): m is string => !!m).map((m) => join(path, m)).find(existsSync);
      if (index) files.push(index);
      else files.push(...moduleFiles(path));
    } else if (MODULE_EXTENSIONS.has(extname(name)) && !/\.(test|it\.test)\.[mc]?[jt]s$/.test(name) && !name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Loads user plugins from `plugin.path` entries: a module file, or a folder whose modules (and whose
 * subfolders' package `main` or `index`) are imported. A module contributes its default export and/or a
 * named `plugins` array. TypeScript modules load when Tidewater runs through tsx (as `npm start` does).
 */
export async function loadPluginPath(entries: readonly string[]): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const entry of entries) {
    for (const file of moduleFiles(entry)) {
      let module: Record<string, unknown>;
      try {
        module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (cause) {
        throw new ConnectError(`Cannot load plugin module ${file}: ${(cause as Error).message}`, { cause });
      }
      plugins.push(...pluginsOf(module));
    }
  }
  return plugins;
}
