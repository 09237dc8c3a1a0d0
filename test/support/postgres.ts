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
  return { url: databaseUrl(name), drop: () => asSuperuser(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The database `name`, made the first time any test process asks for it; it stays until the run's cluster goes. */
export async function namedDatabase(name: string): Promise<string> {
  await asSuperuser(clusterUrl(), `CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
    if (error.code !== DUPLICATE_DATABASE) throw error;
  });
  return databaseUrl(name);
}

const DUPLICATE_DATABASE = '42P04';

function databaseUrl(name: string): string {
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
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

/**
 * A pool of the test's own beside the app's. Tests end connections on purpose (pg_terminate_backend,
 * DROP DATABASE … WITH (FORCE)): an idle client ended so emits `error` on its pool, which unheard
 * would crash the run as an uncaught exception.
 */
export function testPool(connectionString: string, max?: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {});
  return pool;
}
