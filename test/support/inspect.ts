/**
 * Reading the database from tests in forms both engines' drizzle drivers share: awaited queries that
 * give arrays (better-sqlite3's synchronous `.get()`/`.all()` do not exist on node-postgres), with the
 * tables from tables.ts. Each helper takes the drizzle handle (`t.db`, or `servers.db` in browser tests).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { TestApp } from './test-app.js';
import type { Locale } from '../../server/store/rows.js';
import { articles, comments, endUsers, idempotencyKeys, outbox, requests, sites } from './tables.js';

type Db = TestApp['db'];

/** The first row a query gives, or undefined (what `.get()` gave). */
export async function firstRow<Row>(query: PromiseLike<Row[]>): Promise<Row | undefined> {
  return (await query)[0];
}

export async function siteBySlug(db: Db, siteSlug: string) {
  const site = await firstRow(db.select().from(sites).where(eq(sites.slug, siteSlug)));
  if (!site) throw new Error(`no site ${siteSlug}`);
  return site;
}

export const siteIdOf = async (db: Db, siteSlug: string) => (await siteBySlug(db, siteSlug)).id;

/** The stored row of request #`number` (the number customers see) at a site. */
export async function requestByNumber(db: Db, number: number, siteSlug = 'demo') {
  const siteId = await siteIdOf(db, siteSlug);
  const request = await firstRow(
    db
      .select()
      .from(requests)
      .where(and(eq(requests.siteId, siteId), eq(requests.number, number))),
  );
  if (!request) throw new Error(`no request #${number} at ${siteSlug}`);
  return request;
}

/** Every mail in the outbox, in the order written: ids sort in creation order, and PostgreSQL keeps no insertion order of its own. */
export const outboxRows = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id));

/** Article slug → id for a site, in one language (default English; ids are opaque and random per seed). */
export async function articleIdsBySlug(db: Db, siteSlug: string, locale: Locale = 'en'): Promise<Record<string, string>> {
  const rows = await db
    .select({ id: articles.id, slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.siteId, await siteIdOf(db, siteSlug)), eq(articles.locale, locale)));
  return Object.fromEntries(rows.map((row) => [row.slug, row.id]));
}

/** How many rows each table a submission writes holds. */
export async function storedCounts(db: Db) {
  return {
    requests: await db.$count(requests),
    comments: await db.$count(comments),
    endUsers: await db.$count(endUsers),
    idempotencyKeys: await db.$count(idempotencyKeys),
  };
}

export const lastRequestNumber = async (db: Db, siteSlug: string) => (await siteBySlug(db, siteSlug)).lastRequestNumber;

/** Runs a statement written in this run's engine's own SQL (triggers, DDL): drizzle calls it `run` on SQLite, `execute` on PostgreSQL. */
export async function runStatement(db: Db, statement: string): Promise<void> {
  const handle = db as unknown as { execute?: (query: SQL) => Promise<unknown>; run: (query: SQL) => unknown };
  await (handle.execute ? handle.execute(sql.raw(statement)) : handle.run(sql.raw(statement)));
}
