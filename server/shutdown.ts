/** Graceful shutdown: on SIGINT/SIGTERM stop accepting, let in-flight requests finish, then exit. */
import type { FastifyBaseLogger } from 'fastify';

export function closeOnSignals(log: Pick<FastifyBaseLogger, 'info' | 'error'>, servers: { close(): Promise<void> }[]): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal} received, shutting down`);
    Promise.all(servers.map((server) => server.close())).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
