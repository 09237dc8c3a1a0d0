/**
 * PostgreSQL databases for the HTTP suite's apps, reused for the whole run. Creating, migrating and
 * seeding a database costs over a second here (CREATE DATABASE alone half of it), and the suite
 * makes hundreds of apps, so databases are kept: an app takes a free one, which is put back into the
 * seeded state the app asks for — every table emptied, then refilled from a copy of that seed taken
 * the first time the database was seeded so — and returns it when it closes.
 *
 * Each test file runs in a process of its own, so a process's free list dies with it; the databases
 * outlive it by their names. Vitest gives each of its concurrent workers a slot (VITEST_POOL_ID,
 * 1…maxWorkers) that the next file in that slot inherits, and the databases are named by slot: a
 * file finds the ones earlier files in its slot seeded, and never one that a file running beside it uses.
 */
import pg from 'pg';
import { namedDatabase } from './postgres.js';

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
  'attachments',
  'file_chunks',
  'idempotency_keys',
  'used_token_ids',
  'settings',
  'agent_sessions',
  'agent_api_tokens',
  'outbox',
  'rate_windows',
  'portal_settings',
  'site_mail_settings',
  'organization_domains',
  'portal_accounts',
  'portal_links',
  'portal_sessions',
  'reply_addresses',
  'inbound_settings',
  'blocked_senders',
  'webhooks',
  'webhook_deliveries',
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
    // All or nothing, so a file stopped part-way never leaves a later one half a copy to restore from.
    await kept.client.query([`CREATE SCHEMA ${copy}`, ...TABLES.map((table) => `CREATE TABLE ${copy}.${table} AS TABLE public.${table}`)].join(';\n'));
    kept.seeds.add(seedName);
  }
  return { url: kept.url, release: () => void free.push(kept) };
}

const slot = process.env.VITEST_POOL_ID ?? '0';
let opened = 0;

/** This process's next database of its slot: made now, or left by an earlier file, with whatever seeds it holds. */
async function keepNewDatabase(): Promise<KeptDatabase> {
  const url = await namedDatabase(`porthole_kept_${slot}_${opened++}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ seed: string }>(`SELECT substr(nspname, 6) AS seed FROM pg_namespace WHERE nspname LIKE 'seed\\_%'`);
  const { rows: tables } = await client.query<{ migrated: boolean }>(`SELECT to_regclass('public.sites') IS NOT NULL AS migrated`);
  return { url, client, seeds: new Set(rows.map((row) => row.seed)), migrated: tables[0]!.migrated };
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
