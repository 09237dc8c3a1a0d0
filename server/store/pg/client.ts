/**
 * The PostgreSQL connection pool, migrations, and the two ways work reaches the database: a unit of
 * several statements runs in `transaction()`; a unit that is one statement runs `alone()` on one
 * pooled connection, without BEGIN and COMMIT (a statement is atomic and sees one snapshot by
 * itself, and the two extra round trips tripled a member list's cost; bench/api).
 *
 * Every repository helper takes a `PgTx` — drizzle's transaction type — or, where it is one
 * statement, a `PgSession` (a transaction or one connection); never the pool: on a pool each query
 * may run on another connection, so a helper given the pool inside a unit would read outside the
 * transaction and write outside it (its mail committing without the ticket). The pool lacks
 * `rollback()` and the connection brand, so passing it where either is wanted does not compile.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreBusyError } from '../types.js';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema>;
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
// The pool never passes for a transaction: tsc fails here if PgTx ever accepts it (it lacks rollback()).
type Holds<T extends true> = T;
export type PoolIsNoTransaction = Holds<PgDb extends PgTx ? false : true>;

declare const oneConnection: unique symbol;
/** A drizzle handle on one pooled connection, made only by `alone()` and `transaction()` (the pool's handle is not one). */
export type PgConnection = PgDb & { readonly [oneConnection]: true };
/** Where a single statement may run: inside a unit's transaction, or alone on one connection. */
export type PgSession = PgTx | PgConnection;
export type PoolIsNoSession = Holds<PgDb extends PgSession ? false : true>;

export interface PgPoolOptions {
  /** Connections this instance holds at most; units beyond it wait for one (up to `connectTimeoutMs`). */
  poolSize: number;
  /** A statement running longer is cancelled (57014 → busy). */
  statementTimeoutMs: number;
  /** A row or table lock not granted within this fails (55P03 → busy), instead of queueing behind a stuck unit. */
  lockTimeoutMs: number;
  /** Waiting this long for a free connection (or a new one) answers busy. */
  connectTimeoutMs: number;
}

export const defaultPoolOptions: PgPoolOptions = { poolSize: 10, statementTimeoutMs: 5000, lockTimeoutMs: 2000, connectTimeoutMs: 2000 };

export function openPool(url: string, options: PgPoolOptions): { pool: pg.Pool; db: PgDb } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // Sent with every new connection's startup, so each pooled connection has them from its first query.
    statement_timeout: options.statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs,
    // Timestamps come back in UTC, as the domain keeps them (columns.ts reads that text without a Date).
    options: '-c TimeZone=UTC',
  });
  // An idle connection the server drops (restart, failover) emits here; unhandled it would crash the process.
  // The pool discards the connection and opens another when next needed.
  pool.on('error', () => {});
  return { pool, db: drizzle(pool, { schema }) };
}

/*
 * One drizzle handle per pooled connection, kept as long as the connection lives: statements
 * prepared on it (prepared.ts) are bound to that connection, where PostgreSQL keeps them parsed.
 */
const handles = new WeakMap<pg.PoolClient, PgConnection>();
const connectionOfTx = new WeakMap<PgTx, PgConnection>();

function handleOf(client: pg.PoolClient): PgConnection {
  let handle = handles.get(client);
  if (!handle) handles.set(client, (handle = drizzle(client, { schema }) as unknown as PgConnection));
  return handle;
}

/** The connection a session runs on: itself, or the unit's. */
export function connectionOf(session: PgSession): PgConnection {
  return connectionOfTx.get(session as PgTx) ?? (session as PgConnection);
}

async function onConnection<T>(pool: pg.Pool, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  return busyAsStoreBusy(async () => {
    const client = await pool.connect();
    try {
      return await work(handleOf(client));
    } finally {
      // A connection that broke mid-query is not queryable: the pool drops it instead of lending it again.
      client.release();
    }
  });
}

/** Runs a unit that is one statement on one connection, outside any transaction. */
export const alone = <T>(pool: pg.Pool, work: (session: PgSession) => Promise<T>): Promise<T> => onConnection(pool, work);

/**
 * Runs `work` as one transaction (READ COMMITTED, PostgreSQL's default, with the row locks the
 * units take where they read, then write). Anything that says "the database cannot take this now"
 * becomes StoreBusyError, answered 503 and worth retrying.
 */
export async function transaction<T>(pool: pg.Pool, work: (tx: PgTx) => Promise<T>, config?: { readOnly: boolean }): Promise<T> {
  return onConnection(pool, (connection) =>
    connection.transaction(
      (tx) => {
        connectionOfTx.set(tx, connection);
        return work(tx);
      },
      // A read-only unit of several reads sees one snapshot: a comment committed between its reads cannot half-appear.
      config?.readOnly ? readOnlySnapshot : undefined,
    ),
  );
}

const readOnlySnapshot = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/** The same mapping for a single statement run on the pool outside any unit (a lone read or write). */
export async function busyAsStoreBusy<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isBusy(error)) throw new StoreBusyError(error);
    throw error;
  }
}

/**
 * lock_not_available (lock_timeout), query_canceled (statement_timeout), serialization_failure,
 * deadlock_detected, too_many_connections — and the pool's own wait for a connection.
 */
const BUSY_CODES = new Set(['55P03', '57014', '40001', '40P01', '53300']);
const POOL_TIMEOUTS = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

function isBusy(error: unknown): boolean {
  // drizzle wraps the driver's error (DrizzleQueryError.cause); look through the chain.
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && BUSY_CODES.has(code)) return true;
    if (POOL_TIMEOUTS.includes(e.message)) return true;
  }
  return false;
}

// Source runs (tests) find migrations beside this file; the bundled server (dist/server/) gets a copy from build.mjs.
const here = dirname(fileURLToPath(import.meta.url));
const migrationsFolder = [join(here, 'pg-migrations'), join(here, 'migrations')].find((dir) => existsSync(dir));

/**
 * Brings the database's schema up to date. Several instances may start at once: the migrations run
 * on one connection holding a session advisory lock, so one instance migrates and the others wait,
 * then find nothing left to do.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  if (!migrationsFolder) throw new Error('PostgreSQL migrations not found beside the server code');
  const client = await pool.connect();
  try {
    // Migrations may rewrite big tables: no statement timeout while they run (the lock waits for as long as another migrator takes).
    await client.query('SET statement_timeout = 0');
    await client.query('SET lock_timeout = 0');
    await client.query(`SELECT pg_advisory_lock(hashtext('porthole:migrate'))`);
    try {
      await runMigrations(drizzle(client), { migrationsFolder });
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('porthole:migrate'))`);
    }
  } finally {
    // Dropped, not returned: its session settings differ from the pool's.
    client.release(true);
  }
}
