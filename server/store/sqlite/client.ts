/**
 * Opens the SQLite file with the pragmas Porthole relies on, and runs the committed migrations.
 * better-sqlite3 is synchronous: `busy_timeout` blocks the event loop while it waits, so it is kept short.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { holdInstanceLock } from './instance-lock.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `db.transaction((tx) => …)`: synchronous, never held across an await. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface PortholeDatabase {
  db: Db;
  close(): void;
}

export interface OpenOptions {
  /** Refuse to open when another process holds the database as a server (instance-lock.ts); off for the admin command. */
  instanceLock: boolean;
}

// Source runs (tests) find migrations beside this file; the bundled server (dist/server/) gets a copy from build.mjs.
const here = dirname(fileURLToPath(import.meta.url));
const migrationsFolder = [join(here, 'migrations'), join(here, 'db/migrations')].find((dir) => existsSync(dir));

export function openDatabase(path: string, options: OpenOptions): PortholeDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const lock = options.instanceLock && path !== ':memory:' ? holdInstanceLock(path) : undefined;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (error) {
    lock?.release();
    throw error;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 200');
  // An acknowledged ticket must survive power loss, not just a process crash.
  sqlite.pragma('synchronous = FULL');
  const db = drizzle(sqlite, { schema });
  try {
    if (!migrationsFolder) throw new Error('database migrations not found beside the server code');
    migrate(db, { migrationsFolder });
  } catch (error) {
    sqlite.close();
    lock?.release();
    throw error;
  }
  // Keeps the query planner's statistics current for a long-lived connection (SQLite's advice).
  sqlite.pragma('optimize = 0x10002');
  return {
    db,
    close: () => {
      sqlite.close();
      lock?.release();
    },
  };
}
