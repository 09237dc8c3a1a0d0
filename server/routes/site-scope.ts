/**
 * Everything under /api/v1/sites/:site/ — the routes the widget calls from host pages. Here the site
 * is looked up once per request (unknown → 404), and a browser request from an origin the site has
 * not allowed (nor the server's own, its Help Center's) is refused (403) before any route runs, so it
 * can neither read nor write.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SiteRow } from '../store/rows.js';
import { ApiError, notFound } from '../errors.js';
import { configRoutes } from './config.js';
import { articleRoutes } from './articles.js';
import { requestRoutes } from './requests.js';
import { sessionRoutes } from './session.js';
import { memberRequestRoutes } from './member-requests.js';
import { memberEventRoutes } from './live.js';
import { portalRoutes } from './portal.js';
import { attachmentRoutes } from './attachments.js';

declare module 'fastify' {
  interface FastifyRequest {
    site: SiteRow;
  }
}

const SLUG_IN_URL = /^\/api\/v1\/sites\/([^/?#]+)/;

export async function siteScope(app: FastifyInstance): Promise<void> {
  const { sites } = app.porthole;
  // The support server's own pages (the Help Center at /help/<site>) call the API from its origin.
  const ownOrigin = new URL(app.porthole.config.publicUrl).origin;
  const siteOfUrl = (url: string) => {
    const slug = SLUG_IN_URL.exec(url)?.[1];
    return slug ? sites.find(decodeURIComponent(slug)) : Promise.resolve(undefined);
  };

  // CORS is answered per site: only that site's allowed origins are ever echoed back.
  const corsFor = (allowed: boolean) => ({
    origin: allowed,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Retry-After', 'Idempotency-Replayed'],
    maxAge: 600,
  });
  const [allowedOrigin, otherOrigin] = [corsFor(true), corsFor(false)];
  await app.register(cors, {
    hook: 'onRequest',
    // A malformed preflight gets no CORS headers (and then our JSON 404), not a text/plain 400.
    strictPreflight: false,
    delegator: (request: FastifyRequest, callback) => {
      const origin = request.headers.origin;
      siteOfUrl(request.url).then(
        (site) => callback(null, origin && site?.allowedOrigins.includes(origin) ? allowedOrigin : otherOrigin),
        (error: Error) => callback(error, {}),
      );
    },
  });

  // onRequest: before the body is even parsed, so a refused origin cannot make the server do any work.
  app.addHook('onRequest', async (request) => {
    const { site: slug } = request.params as { site?: string };
    if (slug === undefined) return; // the CORS preflight route, answered by the cors hook above
    const site = await sites.find(slug);
    if (!site) throw notFound('That site');
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin && !site.allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'This site does not allow requests from that origin.');
    }
    request.site = site;
  });

  await app.register(configRoutes);
  await app.register(articleRoutes);
  await app.register(requestRoutes);
  await app.register(sessionRoutes);
  await app.register(memberRequestRoutes);
  await app.register(memberEventRoutes);
  await app.register(portalRoutes);
  await app.register(attachmentRoutes);
}
