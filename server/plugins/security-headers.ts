/**
 * helmet's safe default headers (nosniff, a restrictive CSP, same-site resource policy, …) on every
 * answer; routes that need otherwise (widget assets, the inbox page) set their own on top.
 * The middleware is built once, here. @fastify/helmet builds it anew — parsing the whole policy —
 * for every request, which was 7 % of the server's CPU on a member's request list (bench/api).
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function installSecurityHeaders(app: FastifyInstance): void {
  const setHeaders = helmet({ crossOriginResourcePolicy: { policy: 'same-site' } });
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
