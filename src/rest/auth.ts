/**
 * Optional protection of the REST API: HTTP basic authentication against a user → password map (what Kafka's
 * BasicAuthSecurityRestExtension does with a JAAS PropertyFileLoginModule file of `user: password` lines),
 * or a bearer token. Like Kafka's filter, it runs after routing: unknown routes still answer 404, and a
 * refusal is Kafka's 401 with its body, the bare text `User cannot access the resource.`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export type RestAuth =
  | { readonly type: 'basic'; readonly users: Readonly<Record<string, string>> }
  | { readonly type: 'bearer'; readonly token: string };

/** Kafka's JaasBasicAuthFilter body. It is sent as is, under Kafka's Content-Type, though it is not JSON. */
export const UNAUTHORIZED_BODY = 'User cannot access the resource.';

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Splits `Scheme credentials` as Kafka does: at the first space; the scheme is compared ignoring case. */
function credentials(header: string | undefined, scheme: string): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space <= 0 || header.slice(0, space).toLowerCase() !== scheme) return undefined;
  return header.slice(space + 1);
}

/** Whether an `Authorization` header is accepted. */
export function createAuthenticator(auth: RestAuth): (authorization: string | undefined) => boolean {
  if (auth.type === 'bearer') {
    return (header) => {
      const token = credentials(header, 'bearer');
      return token !== undefined && sameSecret(token, auth.token);
    };
  }
  const users = new Map(Object.entries(auth.users));
  return (header) => {
    const encoded = credentials(header, 'basic');
    if (encoded === undefined) return false;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return false;
    const expected = users.get(decoded.slice(0, colon));
    // Compare against something even for unknown users, so timing does not tell users apart.
    return sameSecret(decoded.slice(colon + 1), expected ?? '\u0000') && expected !== undefined;
  };
}

export function sendUnauthorized(reply: FastifyReply, method: string): FastifyReply {
  // Jersey negotiates the refusal's type: text/plain for OPTIONS, Kafka's JSON type otherwise.
  const type = method === 'OPTIONS' ? 'text/plain' : 'application/json';
  return reply.code(401).header('content-type', type).send(UNAUTHORIZED_BODY);
}

/** Checks every request that matched a route. Registered without encapsulation, so it covers all routes. */
export const authPlugin: FastifyPluginAsync<{ auth: RestAuth }> = Object.assign(
  async (app: Parameters<FastifyPluginAsync>[0], opts: { auth: RestAuth }) => {
    const accepts = createAuthenticator(opts.auth);
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url === undefined) return; // unknown route: 404/405, as Kafka answers them
      if (!accepts(request.headers.authorization)) return sendUnauthorized(reply, request.method);
    });
  },
  // What fastify-plugin sets: the hook applies to the parent's routes, not only this plugin's.
  { [Symbol.for('skip-override')]: true },
);
