/**
 * Server-sent events over a hijacked reply. The stream carries only "request N changed at T";
 * clients refetch through the authorised routes. A comment line every 15 s keeps proxies from
 * closing an idle stream; the stream ends when the session does, and when the server shuts down.
 * When events may have been missed (the bus lost its connection: `resync`), it sends `event: resync`
 * and ends, so the client reconnects and refetches what it shows rather than trusting a gap.
 * Opening one takes a place under the caps of stream-caps.ts; ending one says why in the log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestChanged } from '../services/events.js';

const PING_MS = 15_000;
/** How soon a revoked credential ends a stream it opened: the admin command runs in another process. */
export const RECHECK_MS = 5_000;

export interface StreamOptions {
  siteId: string;
  /** Who holds the stream, for the per-person cap and the log line. */
  holder: { kind: 'member' | 'agent'; id: string };
  /** Whether this listener may hear of this change. */
  accepts(event: RequestChanged): boolean;
  /** Time (ms since the epoch) at which the stream ends by itself. */
  endsAt?: number;
  /** Asked every RECHECK_MS: false (revoked, removed, signed out elsewhere) ends the stream. */
  stillAllowed?: () => Promise<boolean>;
}

type EndReason = 'client gone' | 'session ended' | 'credential revoked' | 'shutdown' | 'resync';

/** Ends every open stream when the server shuts down, instead of waiting for clients to leave. */
export function endStreamsOnClose(app: FastifyInstance): void {
  app.addHook('preClose', (done) => {
    app.porthole.streams.endAll();
    done();
  });
}

export function openEventStream(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, options: StreamOptions): void {
  const { clock } = app.porthole;
  const { kind, id } = options.holder;
  // Refused (429 or 503) before the reply is hijacked, so a refusal is an ordinary error answer.
  const release = app.porthole.streams.admit(`${kind}:${id}`, request.ip, () => end('shutdown'));
  const openedAt = clock().getTime();
  // Headers the hooks already set (CORS for the widget's origin, security headers) go out too.
  const headers = {
    ...reply.getHeaders(),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  };
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, headers as Record<string, string>);
  raw.write(': connected\n\n');

  const unsubscribe = app.porthole.events.subscribe(options.siteId, (event) => {
    if (options.accepts(event)) raw.write(`event: request\ndata: ${JSON.stringify({ id: event.number, updatedAt: event.updatedAt })}\n\n`);
  });
  const stopResync = app.porthole.events.onResync(() => {
    raw.write('event: resync\ndata: {}\n\n');
    end('resync');
  });
  const ping = setInterval(() => raw.write(': ping\n\n'), PING_MS);
  const { stillAllowed } = options;
  const recheck = stillAllowed
    ? setInterval(
        () =>
          void stillAllowed().then(
            (allowed) => allowed || end('credential revoked'),
            () => end('credential revoked'),
          ),
        RECHECK_MS,
      )
    : undefined;
  const lifetime = options.endsAt ? setTimeout(() => end('session ended'), Math.max(0, options.endsAt - openedAt)) : undefined;
  let ended = false;
  function end(reason: EndReason) {
    if (ended) return;
    ended = true;
    unsubscribe();
    stopResync();
    clearInterval(ping);
    clearInterval(recheck);
    clearTimeout(lifetime);
    release();
    raw.end();
    request.log.info({ stream: kind, reason, durationMs: clock().getTime() - openedAt }, `live stream ended: ${reason}`);
  }
  request.raw.on('close', () => end('client gone'));
}
