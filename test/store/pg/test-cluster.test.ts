// The run's throwaway PostgreSQL (test/support/postgres-cluster.ts) answers, and gives each caller a database of its own.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshDatabase, postgresAvailable } from '../../support/postgres.js';

describe('the test PostgreSQL cluster', () => {
  it('is there whenever CI runs (CI never skips the PostgreSQL tests)', () => {
    if (process.env.CI) expect(postgresAvailable()).toBe(true);
  });

  it.skipIf(!postgresAvailable())('answers on a fresh database, which is gone after drop()', async () => {
    const database = await freshDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ version: string; database: string }>('select version(), current_database() as database');
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    // The connection still open is ended by the drop (WITH (FORCE)), as a test that forgot a pool would be.
    client.on('error', () => undefined);
    await database.drop();
    const again = new pg.Client({ connectionString: database.url });
    await expect(again.connect()).rejects.toThrow(/does not exist/);
  });
});
