// Instances starting at once on an empty database: one migrates (under the advisory lock), the
// others wait and find nothing left to do — none fails on a half-made schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openPgStore } from '../../../server/store/pg/store.js';
import type { Store } from '../../../server/store/types.js';
import { freshDatabase, postgresAvailable, type TestDatabase } from '../../support/postgres.js';

const migrationCount = () =>
  (JSON.parse(readFileSync(new URL('../../../server/store/pg/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries
    .length;

describe.skipIf(!postgresAvailable())('PostgreSQL migrations', () => {
  let database: TestDatabase;
  const stores: Store[] = [];
  beforeAll(async () => (database = await freshDatabase()));
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database?.drop();
  });

  it('run once when four instances open the same new database at the same moment', async () => {
    stores.push(...(await Promise.all(Array.from({ length: 4 }, () => openPgStore(database.url, { poolSize: 2 })))));
    expect(await Promise.all(stores.map((store) => store.sites.count()))).toEqual([0, 0, 0, 0]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(applied.rows[0].n).toBe(migrationCount());
      const unlogged = await client.query(`SELECT relpersistence FROM pg_class WHERE relname = 'rate_windows'`);
      expect(unlogged.rows[0].relpersistence).toBe('u');
    } finally {
      await client.end();
    }
  });
});
