/**
 * Slow clients, the slowloris family: a connection that trickles its headers, stalls in its body or
 * idles after an answer would hold a socket (a file descriptor) for as long as it likes.
 * - Headers: Node's own `headersTimeout`, checked by its connection sweep; the answer is
 *   `answerClientError`'s 408.
 * - Idle keep-alive: Node's own `keepAliveTimeout`.
 * - Bodies: one sweep timer per server looks at the requests whose bodies are still arriving and
 *   answers 408 to one that sent nothing for `requestTimeoutMs`, or that, once it has been arriving
 *   that long, averages less than `minBodyBytesPerSecond` (so a large upload on a slow line works).
 *   A request only costs an entry in a set; the sweep reads `socket.bytesRead`, which Node keeps.
 * Responses are not watched: a server-sent event stream has a complete request, so it is left alone.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ConnectionLimits } from '../config.js';
import { answerOnResponse, requestTimedOut } from './socket-answers.js';

interface ArrivingBody {
  request: IncomingMessage;
  response: ServerResponse;
  startedAt: number;
  bytesAtStart: number;
  bytesSeen: number;
  lastProgressAt: number;
}

/** Often enough that a timeout fires within a quarter of itself, and never more than once a second. */
const sweepEvery = (timeoutMs: number) => Math.min(1000, Math.max(50, Math.floor(timeoutMs / 4)));

export function guardSlowClients(server: Server, limits: Pick<ConnectionLimits, 'requestTimeoutMs' | 'minBodyBytesPerSecond' | 'keepAliveTimeoutMs'>): void {
  server.headersTimeout = limits.requestTimeoutMs;
  // Not Node's requestTimeout: it caps a whole request, and would cut off a large upload on a slow line.
  server.requestTimeout = 0;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node's own sweep, which enforces headersTimeout; read when the server starts listening (a
  // createServer option that @types/node does not list as a property).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = sweepEvery(limits.requestTimeoutMs);

  const arriving = new Set<ArrivingBody>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { headers } = request;
    if (headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0')) return;
    const bytes = request.socket.bytesRead;
    const now = Date.now();
    arriving.add({ request, response, startedAt: now, bytesAtStart: bytes, bytesSeen: bytes, lastProgressAt: now });
  });

  const sweep = () => {
    const now = Date.now();
    for (const body of arriving) {
      const socket = body.request.socket;
      if (body.request.complete || socket.destroyed) {
        arriving.delete(body);
        continue;
      }
      const bytes = socket.bytesRead;
      if (bytes !== body.bytesSeen) {
        body.bytesSeen = bytes;
        body.lastProgressAt = now;
      }
      const elapsedMs = now - body.startedAt;
      const stalled = now - body.lastProgressAt >= limits.requestTimeoutMs;
      const tooSlow = elapsedMs >= limits.requestTimeoutMs && ((bytes - body.bytesAtStart) * 1000) / elapsedMs < limits.minBodyBytesPerSecond;
      if (stalled || tooSlow) {
        arriving.delete(body);
        answerOnResponse(body.response, requestTimedOut);
      }
    }
  };

  let timer: NodeJS.Timeout | undefined;
  server.on('listening', () => {
    timer = setInterval(sweep, sweepEvery(limits.requestTimeoutMs)).unref();
  });
  server.on('close', () => clearInterval(timer));
}
