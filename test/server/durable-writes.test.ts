/**
 * How acknowledged writes are made durable: the settings of the connection, and group commit
 * (server/store/sqlite/group-commit.ts) — writes queued in the same turn share one transaction, yet each
 * succeeds or fails on its own, and none is acknowledged before its commit is on disk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type PortholeDatabase } from '../../server/store/sqlite/client.js';
import { commitWithOthers } from '../../server/store/sqlite/group-commit.js';
import { settings } from '../../server/store/sqlite/schema.js';
import { sql } from 'drizzle-orm';

let dir: string;
let database: PortholeDatabase;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-group-commit-'));
  path = join(dir, 'test.db');
  database = openDatabase(path, { instanceLock: true });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const keysOnDisk = () => {
  // A second connection sees only what was committed.
  const other = new Database(path, { readonly: true });
  const keys = (other.prepare("SELECT key FROM settings WHERE key LIKE 'unit-%' ORDER BY key").all() as { key: string }[]).map((row) => row.key);
  other.close();
  return keys;
};

describe('writes committed together', () => {
  it('are each acknowledged only once committed, and see the writes queued before them', async () => {
    const { db } = database;
    const seen: number[] = [];
    const writes = ['unit-1', 'unit-2', 'unit-3'].map((key) =>
      commitWithOthers(db, (tx) => {
        tx.insert(settings).values({ key, value: 'v' }).run();
        seen.push(
          tx
            .select()
            .from(settings)
            .all()
            .filter((row) => row.key.startsWith('unit-')).length,
        );
        return key;
      }),
    );
    expect(keysOnDisk()).toEqual([]); // queued, not yet committed
    expect(await Promise.all(writes)).toEqual(['unit-1', 'unit-2', 'unit-3']);
    expect(seen).toEqual([1, 2, 3]); // one transaction: each saw those before it
    expect(keysOnDisk()).toEqual(['unit-1', 'unit-2', 'unit-3']);
  });

  it('undo a failing write alone: it is refused with its own error, and the others are stored', async () => {
    const { db } = database;
    const first = commitWithOthers(db, (tx) => tx.insert(settings).values({ key: 'unit-a', value: 'v' }).run());
    const failing = commitWithOthers(db, (tx) => {
      tx.insert(settings).values({ key: 'unit-b', value: 'half-written' }).run();
      throw new Error('refused by a rule');
    });
    const last = commitWithOthers(db, (tx) => tx.insert(settings).values({ key: 'unit-c', value: 'v' }).run());
    await expect(failing).rejects.toThrow('refused by a rule');
    await first;
    await last;
    expect(keysOnDisk()).toEqual(['unit-a', 'unit-c']);
  });

  it('all fail, and none is stored, when the database cannot be written', async () => {
    const { db } = database;
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock past busy_timeout
    const writes = ['unit-x', 'unit-y'].map((key) => commitWithOthers(db, (tx) => tx.insert(settings).values({ key, value: 'v' }).run()));
    for (const write of writes) await expect(write).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('ROLLBACK');
    other.close();
    expect(keysOnDisk()).toEqual([]);
    // And the next group goes through.
    await commitWithOthers(db, (tx) => tx.insert(settings).values({ key: 'unit-z', value: 'v' }).run());
    expect(keysOnDisk()).toEqual(['unit-z']);
  });
});

describe('the database as the server opens it', () => {
  it('journals ahead (WAL), syncs every commit to disk (FULL), enforces foreign keys, and waits at most a moment for a lock', () => {
    // Per-connection settings, read from the connection openDatabase made.
    const pragma = (name: string) => Object.values(database.db.get<Record<string, number | string>>(sql.raw(`PRAGMA ${name}`)))[0];
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2); // FULL
    expect(pragma('foreign_keys')).toBe(1);
    // better-sqlite3 blocks the event loop while it waits: short, but not zero.
    expect(pragma('busy_timeout')).toBeGreaterThan(0);
    expect(pragma('busy_timeout')).toBeLessThanOrEqual(1000);
  });
});
