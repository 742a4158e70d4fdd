/**
 * Response heads as Jetty writes them. Header names are case-insensitive, but scripts grep for them
 * (`curl -si … | grep '^Location:'`), so they go out as Kafka Connect sends them: `Content-Type`, not
 * fastify's `content-type`, in Jetty's order (Location, Content-Type, Allow, Content-Length).
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

const ORDER = ['location', 'content-type', 'allow', 'content-length'];

export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

export function jettyHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const rank = (name: string) => {
    const i = ORDER.indexOf(name.toLowerCase());
    return i < 0 ? ORDER.length : i;
  };
  const entries = Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .sort((a, b) => rank(a[0]) - rank(b[0]));
  return Object.fromEntries(entries.map(([name, value]) => [canonicalHeaderName(name), value]));
}

type WriteHead = (this: ServerResponse, statusCode: number, ...rest: unknown[]) => ServerResponse;

/** Makes `res.writeHead(status, headers)` (the only form fastify uses) write Jetty-style headers. */
export function writeJettyHeads(res: ServerResponse): void {
  const original = res.writeHead as unknown as WriteHead;
  const patched: WriteHead = function (statusCode, ...rest) {
    const [headers] = rest;
    if (rest.length === 1 && headers !== null && typeof headers === 'object' && !Array.isArray(headers)) {
      return original.call(this, statusCode, jettyHeaders(headers as OutgoingHttpHeaders));
    }
    return original.call(this, statusCode, ...rest);
  };
  res.writeHead = patched as unknown as ServerResponse['writeHead'];
}
