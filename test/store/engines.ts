/**
 * How each engine opens a throwaway store for the storage port's tests: SQLite on a new file in a
 * temporary directory, PostgreSQL on a new database of the run's test cluster (test/support/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgStore, type PgStoreOptions } from '../../server/store/pg/store.js';
import { openSqliteStore } from '../../server/store/sqlite/store.js';
import type { Store } from '../../server/store/types.js';
import { freshDatabase } from '../support/postgres.js';
import type { TestStore } from './contract/fixtures.js';

export async function openSqliteTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-store-'));
  const store = openSqliteStore(join(dir, 'porthole.db'));
  return {
    store,
    peer: store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresTestStore extends TestStore {
  url: string;
  /** Another instance on the same database, with its own pool options. */
  openAnother(options: Partial<PgStoreOptions>): Promise<Store>;
}

export async function openPostgresTestStore(options: Partial<PgStoreOptions> = {}): Promise<PostgresTestStore> {
  const database = await freshDatabase();
  const open = (more: Partial<PgStoreOptions> = {}) => openPgStore(database.url, { poolSize: 25, ...options, ...more });
  const stores = [await open(), await open()];
  return {
    store: stores[0]!,
    peer: stores[1]!,
    url: database.url,
    openAnother: async (more) => {
      const another = await open(more);
      stores.push(another);
      return another;
    },
    close: async () => {
      await Promise.all(stores.map((store) => store.close()));
      await database.drop();
    },
  };
}
