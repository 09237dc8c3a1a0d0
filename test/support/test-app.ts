/**
 * A fresh app on its own temporary database, seeded with the demo sites, for `inject` tests.
 * The clock is a settable fake so tests can move time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../server/app.js';
import { readConfig, type Config } from '../../server/config.js';
import type { Db } from '../../server/store/sqlite/client.js';
import { openSqliteStore } from '../../server/store/sqlite/store.js';
import type { Store } from '../../server/store/types.js';
import { seedIfEmpty } from '../../server/seed/seed.js';

export const DEMO_ORIGIN = 'http://localhost:8080';
export const TEST_SITE_SECRET = 'test-site-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** The SQLite adapter's drizzle handle, for tests that look into the database themselves. */
  db: Db;
  config: Config;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

/**
 * `logger`: e.g. `{ level: 'info', stream }` to read what the app logs (off by default).
 * `conversations`: also seed the demo site's members, agent and request history (npm start's demo).
 */
export async function createTestApp(overrides: Partial<Config> = {}, options: { logger?: AppDeps['logger']; conversations?: boolean } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-test-'));
  const config = { ...readConfig({}), databasePath: join(dir, 'porthole.db'), ...overrides };
  const store = openSqliteStore(config.databasePath);
  const clock = {
    now: new Date('2026-11-23T10:00:00.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  // Sites, categories and articles only, unless asked: each test writes the requests it talks about.
  await seedIfEmpty(store, {
    demoSiteSecret: TEST_SITE_SECRET,
    demoOrigins: [DEMO_ORIGIN],
    demoSupportUrl: `${DEMO_ORIGIN}/`,
    now: clock.now,
    conversations: options.conversations ?? false,
  });
  const app = await buildApp({ store, config, clock: () => clock.now, logger: options.logger });
  return {
    app,
    store,
    db: store.db,
    config,
    clock,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
