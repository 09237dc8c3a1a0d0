/**
 * buildApp(deps) assembles the Fastify app — plugins, routes, error shape — without listening,
 * so tests build it and call `inject`, and server/main.ts builds it and listens.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Store } from './store/types.js';
import type { Services } from './services/context.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './services/clock.js';
import { createSiteDirectory } from './services/site-directory.js';
import { createMemberDirectory } from './services/member-directory.js';
import { installValidation } from './plugins/validation.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { OneLinePerRequest } from './plugins/request-log.js';
import { closeConnectionsWhenDraining } from './plugins/drain-on-close.js';
import { answerFrameworkError, installErrorHandling } from './plugins/error-handling.js';
import { ApiError } from './errors.js';
import { trustedProxy } from './http/trusted-proxy.js';
import { answerClientError } from './http/socket-answers.js';
import { siteScope } from './routes/site-scope.js';
import { agentApi } from './routes/agent/index.js';
import { endStreamsOnClose } from './routes/event-stream.js';
import { createOpenStreams, type OpenStreams } from './routes/stream-caps.js';
import { widgetAssetRoutes } from './routes/widget-assets.js';
import { inboxPageRoutes } from './routes/agent/inbox-page.js';
import { helpCenterRoutes } from './help-center/page-routes.js';
import { installMemberSessions } from './auth/member-session.js';
import { createCsrf, type Csrf } from './auth/csrf.js';
import { createLinks } from './auth/link-tokens.js';
import { createFiles } from './files/files.js';
import { DOWNLOAD_PATH } from './files/download-urls.js';
import { fileRoutes } from './routes/files.js';
import { createEventBus, type EventBus } from './services/events.js';
import type { WindowCounters } from './store/shared-state.js';
import { windowedRateLimitStore } from './limits/rate-limit-store.js';
import { createReplyAddresses, replyKeySecret, type ReplyAddresses } from './mail/reply-address.js';
import { createInboundPipeline, type InboundPipeline } from './mail/inbound/receive.js';
import { inboundMailRoutes } from './routes/inbound-mail.js';

export interface AppDeps {
  store: Store;
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Live updates; one per process, shared by the app and the background jobs. */
  events?: EventBus;
}

/** What the app's routes and plugins share: the services' context, and the HTTP side's own state. */
export interface Porthole extends Services {
  /** The counters every rate limit counts in, one table per limit (store/shared-state.ts). */
  windows: WindowCounters;
  /** Open live-event streams: the caps on opening more, and ending them all at shutdown. */
  streams: OpenStreams;
  /** The tokens that writes made with a cookie must carry (auth/csrf.ts). */
  csrf: Csrf;
  /** Customers' reply addresses (mail/reply-address.ts): the outbox sender writes them, the pipeline reads them. */
  replyAddresses: ReplyAddresses;
  /** Mail in, for both doors: the SMTP listener (server.ts) and POST /api/v1/inbound/mail. */
  receiveMail: InboundPipeline;
}

declare module 'fastify' {
  interface FastifyInstance {
    porthole: Porthole;
  }
}

const BODY_LIMIT_BYTES = 128 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger ?? false,
    logController: new OneLinePerRequest(),
    // The same rule the connection cap uses to tell a proxy from a client (server/http/trusted-proxy.ts).
    trustProxy: trustedProxy(deps.config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    // On shutdown, requests already on their way are served (the database closes only after the
    // app has), not answered 503: a client mid-submit gets its 201 and its ticket is stored.
    return503OnClosing: false,
    // Bodies with __proto__ or constructor.prototype keys are refused outright (400).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Malformed percent-encoding and over-long path segments fail during routing; answer them in our shape too.
    frameworkErrors: answerFrameworkError,
    // Headers too slow (REQUEST_TIMEOUT_S) or malformed: answered in our error shape, not Fastify's.
    clientErrorHandler: answerClientError,
  });
  const porthole = {
    store: deps.store,
    config: deps.config,
    clock,
    sites: createSiteDirectory(deps.store, clock),
    members: createMemberDirectory(deps.store, clock),
    events: deps.events ?? createEventBus(deps.store.bus),
    windows: deps.store.windowCounters(clock, deps.config.rateLimitKeys),
    streams: createOpenStreams(deps.config.streams, clock, app.log),
  } as Porthole;
  app.decorate('porthole', porthole);

  // Only JSON bodies are accepted; anything else is 415 rather than a string that fails validation.
  app.removeContentTypeParser('text/plain');
  installValidation(app);
  endStreamsOnClose(app);
  installErrorHandling(app);
  installSecurityHeaders(app);
  closeConnectionsWhenDraining(app);
  await app.register(rateLimit, {
    global: false,
    // Windows that expire when they end: the plugin's own LRU store let a flood of new keys evict a limit in force.
    store: windowedRateLimitStore(porthole.windows, clock),
    errorResponseBuilder: (_request, context) => new ApiError(429, 'rate_limited', `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });

  // Signs member sessions. Generated once and kept in the database unless the operator sets one.
  const sessionSecret = deps.config.sessionSecret ?? (await deps.store.settings.getOrCreate('session_secret', () => randomBytes(48).toString('base64url')));
  await installMemberSessions(app, sessionSecret);
  porthole.links = createLinks(app, sessionSecret);
  porthole.files = createFiles(deps.store, deps.config, sessionSecret, clock);
  porthole.csrf = createCsrf(sessionSecret);
  const { inbound } = deps.config;
  porthole.replyAddresses = createReplyAddresses({ secret: await replyKeySecret(deps.store), domain: inbound.domain, days: inbound.replyTokenDays, clock });
  porthole.receiveMail = createInboundPipeline({
    services: porthole,
    addresses: porthole.replyAddresses,
    config: inbound,
    windows: porthole.windows,
    log: app.log,
  });

  await app.register(widgetAssetRoutes);
  await app.register(inboxPageRoutes);
  await app.register(helpCenterRoutes);
  await app.register(siteScope, { prefix: '/api/v1/sites' });
  await app.register(agentApi, { prefix: '/api/v1/agent' });
  await app.register(fileRoutes, { prefix: DOWNLOAD_PATH });
  await app.register(inboundMailRoutes(porthole.receiveMail), { prefix: '/api/v1/inbound' });
  return app;
}
