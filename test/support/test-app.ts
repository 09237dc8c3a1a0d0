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
import { openPgStore } from '../../server/store/pg/store.js';
import type { Store } from '../../server/store/types.js';
import { takeDatabase } from './pg-test-databases.js';
import { testEngine } from './test-engine.js';
import { seedIfEmpty } from '../../server/seed/seed.js';

export const DEMO_ORIGIN = 'http://localhost:8080';
export const TEST_SITE_SECRET = 'test-site-secret-that-is-long-enough-0123456789';
/** Where every test's fake clock starts, and when the seeded sites were made. */
const SEEDED_AT = new Date('2026-11-23T10:00:00.000Z');

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /**
   * For inspecting and poking the database, only in forms the PostgreSQL driver has too: awaited
   * select/insert/update/delete and `$count`, tables from tables.ts, helpers in inspect.ts — never
   * `.get()`, `.all()`, `.run()` or `transaction()`. It keeps the full SQLite type while tests still
   * hand it to repository functions that take one; on PostgreSQL a synchronous form fails at once.
   * On the PostgreSQL run it is the pg adapter's drizzle handle, typed as SQLite's (tables.ts).
   */
  db: Db;
  config: Config;
  clock: { now: Date; advance(ms: number): void };
  /** A second store on the same database, as a restarted server (or another instance) opens it; the caller closes it. */
  openAnotherStore(): Promise<Store>;
  close(): Promise<void>;
}

/**
 * `logger`: e.g. `{ level: 'info', stream }` to read what the app logs (off by default).
 * `conversations`: also seed the demo site's members, agent and request history (npm start's demo).
 */
export async function createTestApp(overrides: Partial<Config> = {}, options: { logger?: AppDeps['logger']; conversations?: boolean } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-test-'));
  const conversations = options.conversations ?? false;
  const databasePath = join(dir, 'porthole.db');
  const { store, db, databaseUrl, drop, openAnother } = await openTestStore(databasePath, conversations);
  // DATABASE_URL too on PostgreSQL, as a server there is configured: what the admin command is given.
  // Files beside the test's database, as FILES_DIR defaults beside DATABASE_PATH's.
  const config = { ...readConfig({}), databasePath, databaseUrl, filesDir: join(dir, 'files'), ...overrides };
  const clock = {
    now: SEEDED_AT,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  await seedTestSites(store, conversations);
  const app = await buildApp({ store, config, clock: () => clock.now, logger: options.logger });
  return {
    app,
    store,
    db,
    config,
    clock,
    openAnotherStore: openAnother,
    async close() {
      await app.close();
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sites, categories and articles only, unless asked: each test writes the requests it talks about. Nothing when already seeded. */
async function seedTestSites(store: Store, conversations: boolean): Promise<void> {
  await seedIfEmpty(store, { demoSiteSecret: TEST_SITE_SECRET, demoOrigins: [DEMO_ORIGIN], demoSupportUrl: `${DEMO_ORIGIN}/`, now: SEEDED_AT, conversations });
}

/**
 * The run's engine: a SQLite file in the app's folder, or a database on the run's PostgreSQL
 * cluster, already seeded (pg-test-databases.ts) and given back when the app closes.
 */
async function openTestStore(
  databasePath: string,
  conversations: boolean,
): Promise<{ store: Store; db: Db; databaseUrl?: string; drop(): Promise<void>; openAnother(): Promise<Store> }> {
  if (testEngine === 'sqlite') {
    const store = openSqliteStore(databasePath);
    // The first app still has the file: another opens it without the one-server lock (store/sqlite/instance-lock.ts).
    return { store, db: store.db, drop: async () => {}, openAnother: async () => openSqliteStore(databasePath, { instanceLock: false }) };
  }
  const database = await takeDatabase(conversations ? 'conversations' : 'sites', async (url) => {
    const seeding = await openPgStore(url, { poolSize: 2 });
    await seedTestSites(seeding, conversations);
    await seeding.close();
  });
  // Seeding migrated it, and it is only ever put back to a seed since: no migration check on every app's open.
  const store = await openPgStore(database.url, { poolSize: 4, alreadyMigrated: true });
  return {
    store,
    db: store.db as unknown as Db,
    databaseUrl: database.url,
    drop: async () => database.release(),
    openAnother: () => openPgStore(database.url, { poolSize: 2, alreadyMigrated: true }),
  };
}
