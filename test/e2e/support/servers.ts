/**
 * The real thing for browser tests: the support server and the demo host on two loopback ports,
 * with a fresh seeded database, wired together as `npm start` wires them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../../server/config.js';
import { startSupportServer, type RunningServer } from '../../../server/server.js';
import { syncDemoSite } from '../../../server/db/seed.js';
import { startDemoHost, type DemoHost } from '../../../demo-host/server.js';
import type { Db } from '../../../server/db/client.js';

export interface Servers {
  support: RunningServer;
  demo: DemoHost;
  db: Db;
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-e2e-'));
  const config = { ...readConfig({}), port: 0, host: '127.0.0.1', databasePath: join(dir, 'porthole.db') };
  const support = await startSupportServer(config, { logger: false });
  const demo = await startDemoHost({ port: 0, publicUrl: support.url, siteSecret: config.demoSiteSecret });
  const { db, sites } = support.app.porthole;
  const port = new URL(demo.url).port;
  await syncDemoSite(db, { demoOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`], demoSupportUrl: `${demo.url}/`, now: new Date() });
  sites.forget('demo');
  return {
    support,
    demo,
    db,
    async close() {
      await demo.close();
      await support.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
