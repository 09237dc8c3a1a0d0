/** Sites, their categories, and server-wide settings on PostgreSQL. */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { CategoryRow, SiteRow } from '../rows.js';
import type { PgSession, PgTx } from './client.js';
import { preparedOnce } from './prepared.js';
import { categories, settings, sites } from './schema.js';

export async function findBySlug(tx: PgSession, slug: string): Promise<SiteRow | undefined> {
  const [site] = await tx.select().from(sites).where(eq(sites.slug, slug));
  return site;
}

export async function countSites(tx: PgSession): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(sites);
  return row!.n;
}

export async function updateOrigins(tx: PgSession, slug: string, allowedOrigins: string[], supportUrl: string, now: string): Promise<void> {
  await tx.update(sites).set({ allowedOrigins, supportUrl, updatedAt: now }).where(eq(sites.slug, slug));
}

export const listCategories = (tx: PgSession, siteId: string): Promise<CategoryRow[]> =>
  tx.select().from(categories).where(eq(categories.siteId, siteId)).orderBy(asc(categories.position));

// Every submission checks its category: prepared once per connection (prepared.ts).
export async function findCategory(tx: PgSession, siteId: string, categoryId: string): Promise<CategoryRow | undefined> {
  const statement = preparedOnce(tx, 'site-category', (db, name) =>
    db
      .select()
      .from(categories)
      .where(and(eq(categories.siteId, sql.placeholder('siteId')), eq(categories.id, sql.placeholder('categoryId'))))
      .prepare(name),
  );
  const [category] = await statement.execute({ siteId, categoryId });
  return category;
}

/** The setting's value; when there is none, `create()`'s — stored once however many instances race (the first insert wins). */
export async function getOrCreateSetting(tx: PgTx, key: string, create: () => string): Promise<string> {
  const read = async () => (await tx.select().from(settings).where(eq(settings.key, key)))[0]?.value;
  const found = await read();
  if (found !== undefined) return found;
  await tx.insert(settings).values({ key, value: create() }).onConflictDoNothing();
  return (await read())!;
}
