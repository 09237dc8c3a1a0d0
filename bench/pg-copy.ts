/**
 * The API benchmark's database on PostgreSQL: a copy of a bench/seed SQLite file, row for row, so
 * both engines are measured on the same data at the same scale (bench/api copies before its
 * PostgreSQL runs; bench/seed-pg.ts does it alone).
 *
 * The schema comes from the committed PostgreSQL migrations (the ones the server runs). Every table
 * both schemas have is copied with the columns both have; SQLite's text timestamps, 0/1 booleans and
 * JSON text are cast to PostgreSQL's types by PostgreSQL itself. Like bench/seed it is a loader:
 * synchronous_commit off, foreign-key triggers off (session_replication_role = replica; the SQLite
 * rows already satisfy them), the secondary indexes dropped while loading and re-created from their
 * own definitions, rows sent as one multi-row `INSERT … SELECT FROM unnest(…)` per batch, and the
 * next batch read from SQLite while PostgreSQL writes the last. Then VACUUM ANALYZE, which a server
 * database gets from autovacuum anyway.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const BATCH = 5_000;

interface Column {
  name: string;
  /** PostgreSQL's name of the column's type, e.g. `timestamp(3) with time zone`: what each text value is cast to. */
  type: string;
}

/** Drops and re-creates the URL's database, connected to the server's `postgres` database meanwhile. */
async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${url}: name the bench database in the URL (lower-case letters, digits, _)`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** The writable columns of each table in `public`, in table order (generated columns are PostgreSQL's to fill). */
async function pgTables(client: pg.Client): Promise<Map<string, Column[]>> {
  const { rows } = await client.query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of rows) tables.set(row.table, [...(tables.get(row.table) ?? []), { name: row.name, type: row.type }]);
  return tables;
}

/** Secondary indexes (not those behind a primary key or unique constraint), with the statements that re-create them. */
async function secondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
  );
  return rows;
}

const asText = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Copies one table's rows, batch by batch; returns the number of rows copied. */
async function copyTable(sqlite: Database.Database, client: pg.Client, table: string, columns: Column[]): Promise<number> {
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  const insert = `INSERT INTO "${table}" (${list}) SELECT ${columns.map((c, n) => `u.c${n}::${c.type}`).join(', ')}
                  FROM unnest(${columns.map((_, n) => `$${n + 1}::text[]`).join(', ')}) AS u(${columns.map((_, n) => `c${n}`).join(', ')})`;
  const rows = sqlite.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>;
  let copied = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let batch = columns.map((): (string | null)[] => []);
  const flush = async () => {
    await writing; // one batch in flight: the next is read from SQLite while PostgreSQL writes this one
    writing = client.query(insert, batch);
    copied += batch[0]!.length;
    batch = columns.map(() => []);
  };
  for (const row of rows) {
    for (let n = 0; n < columns.length; n++) batch[n]!.push(asText(row[n]));
    if (batch[0]!.length === BATCH) await flush();
  }
  if (batch[0]!.length > 0) await flush();
  await writing;
  return copied;
}

/** The committed PostgreSQL migrations: beside the bundle (bench/run.mjs copies them) or in the source tree. */
function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const folder = [join(here, 'pg-migrations'), join(here, '..', 'server', 'store', 'pg', 'migrations')].find((dir) => existsSync(dir));
  if (!folder) throw new Error('PostgreSQL migrations not found');
  return folder;
}

interface Seeded {
  copied: Map<string, number>;
  /** Seconds spent on each phase, in order. */
  phases: Record<string, number>;
}

/** Builds the PostgreSQL twin of the SQLite bench database at `path`. */
export async function seedPostgres(path: string, url: string): Promise<Seeded> {
  const sqlite = new Database(path, { readonly: true });
  await recreateDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    phases[name] = (performance.now() - mark) / 1000;
    mark = performance.now();
  };
  try {
    await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    await client.query('SET synchronous_commit = off');
    await client.query('SET session_replication_role = replica');
    const indexes = await secondaryIndexes(client);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);

    const inSqlite = (table: string) => new Set((sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name));
    phase('schema');
    const copied = new Map<string, number>();
    for (const [table, columns] of await pgTables(client)) {
      const shared = inSqlite(table);
      if (shared.size === 0) continue; // PostgreSQL only (rate_windows): starts empty, as on a new server
      copied.set(
        table,
        await copyTable(
          sqlite,
          client,
          table,
          columns.filter((c) => shared.has(c.name)),
        ),
      );
    }
    phase('rows');
    for (const index of indexes) await client.query(index.definition);
    phase('indexes');
    await client.query('SET session_replication_role = origin');
    await client.query('VACUUM ANALYZE');
    phase('VACUUM ANALYZE');
    return { copied, phases };
  } finally {
    await client.end();
    sqlite.close();
  }
}
