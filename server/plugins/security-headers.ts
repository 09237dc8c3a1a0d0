/**
 * helmet's safe default headers (nosniff, a restrictive CSP, same-site resource policy, …) on every
 * answer; routes that need otherwise (widget assets, the inbox page) set their own on top.
 * The middleware is built once, here. @fastify/helmet builds it anew — parsing the whole policy —
 * for every request, which was 7 % of the server's CPU on a member's request list (bench/api).
 *
 * Every answer is also `Cache-Control: no-store` unless its route sets caching of its own (widget
 * and inbox assets do). Session tokens, members' details and conversations must stay out of
 * browser and proxy caches, errors included, and a default is the one rule a new route cannot
 * forget. Config and articles are public but stay no-store too: a site changed by the admin
 * command must show within 5 s, and both are cheap to answer again.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function installSecurityHeaders(app: FastifyInstance): void {
  const setHeaders = helmet({ crossOriginResourcePolicy: { policy: 'same-site' } });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('cache-control', 'no-store');
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
