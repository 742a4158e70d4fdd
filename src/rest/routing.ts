/**
 * The table of declared routes, filled by fastify's onRoute hook. It answers what Jersey answers for paths
 * it knows under another method (405, and `OPTIONS` with `Allow`), and feeds the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import { ALLOW_ORDER } from './java.js';
import type { RouteDoc } from './routes.js';

export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly doc: RouteDoc | undefined;
  readonly pattern: RegExp;
}

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export class RouteTable {
  private readonly declared: DeclaredRoute[] = [];

  /** Starts recording the routes declared on `app` and its plugins from now on. */
  watch(app: FastifyInstance): void {
    app.addHook('onRoute', (options) => {
      const methods = Array.isArray(options.method) ? options.method : [options.method];
      for (const method of methods) {
        // fastify adds a HEAD route for every GET; Jersey does the same, so HEAD is implied by GET.
        if (method === 'HEAD') continue;
        const url = options.url ?? options.path;
        this.declared.push({ method, url, doc: options.config?.doc, pattern: patternOf(url) });
      }
    });
  }

  get routes(): readonly DeclaredRoute[] {
    return this.declared;
  }

  /** The methods Jersey would list in `Allow` for a path, in its order; empty for an unknown path. */
  allowed(path: string): string[] {
    const methods = new Set(this.declared.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return ALLOW_ORDER.filter((m) => methods.has(m));
  }
}
