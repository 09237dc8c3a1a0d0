/**
 * Starts the support server: open (and migrate) the database, seed demo data on a fresh
 * development database, listen, and close cleanly — in-flight requests finish, then the database closes.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/client.js';
import { seedIfEmpty, syncDemoSite } from './db/seed.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export const demoOriginsFor = (demoPort: number) => [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`];

export async function startSupportServer(config: Config, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const database = openDatabase(config.databasePath);
  if (!config.production) {
    const demo = { demoOrigins: demoOriginsFor(config.demoPort), demoSupportUrl: `http://localhost:${config.demoPort}/`, now: new Date() };
    if (!(await seedIfEmpty(database.db, { ...demo, demoSiteSecret: config.demoSiteSecret }))) await syncDemoSite(database.db, demo);
  }
  const app = await buildApp({ db: database.db, config, logger: options.logger ?? true });
  const address = await app.listen({ port: config.port, host: config.host });
  const port = Number(new URL(address).port);
  return {
    app,
    url: `http://localhost:${port}`,
    async close() {
      await app.close();
      database.close();
    },
  };
}
