/**
 * PostgreSQL databases for the HTTP suite's apps, reused within a test worker. Creating, migrating
 * and seeding a database costs over a second here (CREATE DATABASE alone half of it), and the suite
 * makes hundreds of apps, so each worker keeps the databases it made: an app takes a free one, which
 * is put back into the seeded state the app asks for — every table emptied, then refilled from a
 * copy of that seed taken the first time the database was seeded so — and returns it when it closes.
 */
import pg from 'pg';
import { freshDatabase } from './postgres.js';

// Parents before children, so refilling never breaks a foreign key.
const TABLES = [
  'sites',
  'categories',
  'articles',
  'article_page_rules',
  'organizations',
  'end_users',
  'agents',
  'requests',
  'request_ccs',
  'comments',
  'idempotency_keys',
  'used_token_ids',
  'settings',
  'agent_sessions',
  'agent_api_tokens',
  'outbox',
  'rate_windows',
];

/**
 * Children before parents. DELETE, not TRUNCATE: these tables hold a few dozen rows, and TRUNCATE's
 * fixed cost per table (new files for each table and index) made a reset several times slower.
 */
const EMPTY_ALL = TABLES.toReversed().map((table) => `DELETE FROM public.${table}`);

interface KeptDatabase {
  url: string;
  client: pg.Client;
  /** The seeds copied into this database (schema `seed_<name>`), ready to be restored. */
  seeds: Set<string>;
  migrated: boolean;
}

const free: KeptDatabase[] = [];

/**
 * A database in the state `seedName` names. The first time a database needs it, `seed(url)` writes it
 * (migrating the database on the way) and it is copied aside; after that it is restored from the copy.
 */
export async function takeDatabase(seedName: string, seed: (url: string) => Promise<void>): Promise<{ url: string; release(): void }> {
  const kept = free.pop() ?? (await keepNewDatabase());
  const copy = `seed_${seedName}`;
  if (kept.seeds.has(seedName)) {
    const refills = [];
    for (const table of TABLES) {
      const columns = await writableColumns(kept.client, table);
      refills.push(`INSERT INTO public.${table} (${columns}) SELECT ${columns} FROM ${copy}.${table}`);
    }
    // One round trip, one implicit transaction.
    await kept.client.query([...EMPTY_ALL, ...refills].join(';\n'));
  } else {
    if (kept.migrated) await kept.client.query(EMPTY_ALL.join(';\n'));
    await seed(kept.url);
    kept.migrated = true;
    await kept.client.query(`CREATE SCHEMA ${copy}`);
    for (const table of TABLES) await kept.client.query(`CREATE TABLE ${copy}.${table} AS TABLE public.${table}`);
    kept.seeds.add(seedName);
  }
  return { url: kept.url, release: () => void free.push(kept) };
}

async function keepNewDatabase(): Promise<KeptDatabase> {
  const { url } = await freshDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { url, client, seeds: new Set(), migrated: false };
}

// Generated columns (the articles' search vector) are computed again, not copied.
const columnLists = new Map<string, string>();
async function writableColumns(client: pg.Client, table: string): Promise<string> {
  let list = columnLists.get(table);
  if (!list) {
    const { rows } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [table],
    );
    list = rows.map((row) => `"${row.column_name}"`).join(', ');
    columnLists.set(table, list);
  }
  return list;
}
