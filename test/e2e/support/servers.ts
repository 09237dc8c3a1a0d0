/**
 * The real thing for browser tests: the support server and the demo host on two loopback ports,
 * with a fresh seeded database, wired together as `npm start` wires them. The database is the
 * run's engine (test/support/test-engine.ts): a SQLite file, or a fresh database on the run's
 * PostgreSQL cluster — where a second support server may run beside the first, as its own process.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, type Config } from '../../../server/config.js';
import { startSupportServer, type RunningServer } from '../../../server/server.js';
import { startDemoHost, type DemoHost } from '../../../demo-host/server.js';
import { openDatabase, type Db } from '../../../server/store/sqlite/client.js';
import type { PgStore } from '../../../server/store/pg/store.js';
import { freePort, startBuiltServer, type BuiltServer } from '../../support/built-server.js';
import { freshDatabase } from '../../support/postgres.js';
import { testEngine } from '../../support/test-engine.js';

export interface Servers {
  /** The support server the demo host embeds the widget from (instance A when there are two). */
  support: RunningServer;
  /** Instance B: `node dist/server/main.js` on A's PostgreSQL database, its own inbox at its own URL. Only when asked for. */
  secondInstance?: BuiltServer;
  demo: DemoHost;
  /** The tests' own look into the database, with the tables of test/support/tables.ts. */
  db: Db;
  close(): Promise<void>;
}

export interface ServersOptions {
  /** 2: a second support server on the same database (PostgreSQL only: a SQLite file belongs to one server). */
  instances?: 1 | 2;
}

export async function startServers(options: ServersOptions = {}): Promise<Servers> {
  const instances = options.instances ?? 1;
  if (instances === 2 && testEngine !== 'postgres') throw new Error('two support servers share a database only on PostgreSQL (PORTHOLE_TEST_ENGINE=postgres)');
  const dir = mkdtempSync(join(tmpdir(), 'porthole-e2e-'));
  const database = testEngine === 'postgres' ? await freshDatabase() : null;
  // The demo host's port is chosen first, so each support server allows its origins from its first start.
  const [port, demoPort] = [await freePort(), await freePort()];
  // PUBLIC_URL is the address the browser uses: the agent API accepts cookie writes only from its origin.
  // DATABASE_PATH through readConfig, so the mail folder follows it into the temporary folder too.
  const env = { DATABASE_PATH: join(dir, 'porthole.db'), DATABASE_URL: database?.url, DATABASE_POOL_SIZE: '4', DEMO_PORT: String(demoPort) };
  const config: Config = { ...readConfig(env), port, host: '127.0.0.1', publicUrl: `http://localhost:${port}` };
  const support = await startSupportServer(config, { logger: false });
  const demo = await startDemoHost({ port: demoPort, publicUrl: support.url, siteSecret: config.demoSiteSecret });
  const secondInstance = instances === 2 ? await startSecondInstance(dir, env) : undefined;
  // On SQLite a second connection, beside the server's (WAL lets both read and write); on PostgreSQL the server's pool.
  const sqlite = database ? null : openDatabase(config.databasePath, { instanceLock: false });
  const db = sqlite?.db ?? ((support.app.porthole.store as PgStore).db as unknown as Db);
  return {
    support,
    secondInstance,
    demo,
    db,
    async close() {
      await secondInstance?.kill('SIGTERM');
      await demo.close();
      await support.close();
      sqlite?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** B shares A's database (and through it the session secret) and demo host; it writes mail to a folder of its own. */
async function startSecondInstance(dir: string, env: NodeJS.ProcessEnv): Promise<BuiltServer> {
  const port = await freePort();
  const own = join(dir, 'b');
  mkdirSync(own);
  return startBuiltServer('B', port, { ...env, DATABASE_PATH: join(own, 'porthole.db'), DATA_DIR: own, PUBLIC_URL: `http://127.0.0.1:${port}` });
}
