/**
 * Caps on open connections, checked once per connection (not per request):
 * - per client address (MAX_CONNECTIONS_PER_ADDRESS): loose, since an office behind one NAT shares an
 *   address; a trusted proxy's own address is not one client and is not capped;
 * - per process (MAX_CONNECTIONS): descriptors are per process, and `npm start` runs two servers in one,
 *   so this counter is shared by every capped server. Below the descriptor limit, it keeps room for
 *   the database and mail when sockets would otherwise take every descriptor.
 * The excess is answered in the error shape and closed at once.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from '../config.js';
import { answerOnSocket } from './socket-answers.js';
import { createOpenCounts } from '../limits/open-counts.js';

let openInProcess = 0;

/** Logs a refusal of `kind`: `line` is written at most once in a while (protect-server.ts). */
export type Report = (kind: string, line: () => string) => void;

export function capConnections(
  server: Server,
  limits: Pick<ConnectionLimits, 'maxPerAddress' | 'maxConnections'>,
  isProxy: (address: string) => boolean,
  report: Report,
): void {
  const openPerAddress = createOpenCounts();
  // Before Node's own listener, so a refused socket never reaches the HTTP parser.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (limits.maxConnections > 0 && openInProcess >= limits.maxConnections) {
      report(
        'max_connections',
        () =>
          `refusing connections: ${openInProcess} open in this process, at MAX_CONNECTIONS (${limits.maxConnections}), which keeps file descriptors for the database and mail`,
      );
      return answerOnSocket(socket, { status: 503, code: 'busy', message: 'The server is at its connection limit. Please try again in a moment.' });
    }
    const capped = !isProxy(address);
    const open = capped ? openPerAddress.of(address) : 0;
    if (capped && open >= limits.maxPerAddress) {
      report('max_per_address', () => `refusing connections from ${address}: it has ${open} open, MAX_CONNECTIONS_PER_ADDRESS is ${limits.maxPerAddress}`);
      return answerOnSocket(socket, { status: 429, code: 'rate_limited', message: 'Too many connections from your address. Close some and try again.' });
    }
    openInProcess++;
    if (capped) openPerAddress.take(address);
    socket.once('close', () => {
      openInProcess--;
      if (capped) openPerAddress.give(address);
    });
  });
}
