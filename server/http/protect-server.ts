/**
 * Everything that keeps one client, or many, from taking a server's connections and descriptors:
 * slow clients (slow-client-guard.ts), connection caps (connection-cap.ts), and a log line when the
 * process runs out of descriptors all the same. Applied to the support server and the demo host.
 */
import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { capConnections, type Report } from './connection-cap.js';
import { guardSlowClients } from './slow-client-guard.js';
import { trustedProxy } from './trusted-proxy.js';
import { throttledRefusalLog } from '../limits/refusal-log.js';

/** Refusals come in floods: at most one line per kind in this long, saying how many it stands for. */
const REPORT_EVERY_MS = 10_000;

export function protectServer(server: Server, config: Pick<Config, 'connections' | 'trustProxy'>, warn: (line: string) => void): void {
  const report = throttled(warn);
  const isProxy = trustedProxy(config.trustProxy) || (() => false);
  guardSlowClients(server, config.connections);
  capConnections(server, config.connections, (address) => isProxy(address, 0), report);
  // After listen only, so a listen error (port in use) still rejects listen() as before. Without a
  // listener, a failed accept would be an uncaught error; with one, the server keeps serving.
  server.once('listening', () => {
    server.on('error', (error: NodeJS.ErrnoException) => {
      const outOfDescriptors = error.code === 'EMFILE' || error.code === 'ENFILE';
      report(error.code ?? 'error', () =>
        outOfDescriptors
          ? `cannot accept connections: out of file descriptors (${error.code}); raise the limit (ulimit -n) or lower MAX_CONNECTIONS`
          : `server error: ${error.message}`,
      );
    });
  });
}

/** A refusal log line at most once per kind in REPORT_EVERY_MS, saying how many it stands for. */
function throttled(warn: (line: string) => void): Report {
  const log = throttledRefusalLog(REPORT_EVERY_MS, Date.now);
  return (kind, line) => log(kind, (refused) => warn(refused > 1 ? `${line()} (and ${refused - 1} more like it since the last such line)` : line()));
}
