/**
 * Databases on the run's throwaway PostgreSQL cluster (test/support/postgres-cluster.ts). Each test
 * file (or test) takes a fresh database, so files running in parallel never see each other's rows.
 *
 *   describe.skipIf(!postgresAvailable())('…', () => { let db; beforeAll(async () => (db = await freshDatabase())); afterAll(() => db.drop()); … })
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

/** False only outside CI on a machine without PostgreSQL binaries (the run then said so, loudly). */
export const postgresAvailable = (): boolean => inject('postgresUrl') !== null;

export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = clusterUrl();
  const name = `porthole_test_${randomBytes(6).toString('hex')}`;
  await asSuperuser(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asSuperuser(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function clusterUrl(): string {
  const url = inject('postgresUrl');
  if (url === null) throw new Error('no test PostgreSQL cluster: guard PostgreSQL tests with describe.skipIf(!postgresAvailable())');
  return url;
}

async function asSuperuser(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
