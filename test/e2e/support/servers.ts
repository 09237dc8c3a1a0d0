/**
 * The real thing for browser tests: the support server and the demo host on two loopback ports,
 * with a fresh seeded database, wired together as `npm start` wires them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readConfig } from '../../../server/config.js';
import { startSupportServer, type RunningServer } from '../../../server/server.js';
import { syncDemoSite } from '../../../server/seed/seed.js';
import { startDemoHost, type DemoHost } from '../../../demo-host/server.js';
import { openDatabase, type Db } from '../../../server/store/sqlite/client.js';

export interface Servers {
  support: RunningServer;
  demo: DemoHost;
  db: Db;
  close(): Promise<void>;
}

/** A loopback port nothing listens on right now: the support server must know its own URL before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startServers(): Promise<Servers> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-e2e-'));
  const port = await freePort();
  // PUBLIC_URL is the address the browser uses: the agent API accepts cookie writes only from its origin.
  // DATABASE_PATH through readConfig, so the mail folder follows it into the temporary folder too.
  const config = { ...readConfig({ DATABASE_PATH: join(dir, 'porthole.db') }), port, host: '127.0.0.1', publicUrl: `http://localhost:${port}` };
  const support = await startSupportServer(config, { logger: false });
  const demo = await startDemoHost({ port: 0, publicUrl: support.url, siteSecret: config.demoSiteSecret });
  const { store } = support.app.porthole;
  // The tests' own look into the database: a second connection, beside the server's (WAL lets both read and write).
  const inspection = openDatabase(config.databasePath, { instanceLock: false });
  const demoPort = new URL(demo.url).port;
  // It announces the change: the server's cached demo site is forgotten at once (services/site-directory.ts).
  await syncDemoSite(store, { demoOrigins: [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`], demoSupportUrl: `${demo.url}/`, now: new Date() });
  return {
    support,
    demo,
    db: inspection.db,
    async close() {
      await demo.close();
      await support.close();
      inspection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
