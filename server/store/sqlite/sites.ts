/** Sites and their categories: who embeds Porthole and what their contact form asks. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { categories, settings, sites } from './schema.js';
import type { CategoryRow, SiteRow } from '../rows.js';

export async function findSiteBySlug(db: Db, slug: string): Promise<SiteRow | undefined> {
  return db.select().from(sites).where(eq(sites.slug, slug)).get();
}

export async function countSites(db: Db): Promise<number> {
  return db.$count(sites);
}

export async function updateSiteOrigins(db: Db, slug: string, allowedOrigins: string[], supportUrl: string, now: string): Promise<void> {
  db.update(sites).set({ allowedOrigins, supportUrl, updatedAt: now }).where(eq(sites.slug, slug)).run();
}

export async function listCategories(db: Db, siteId: string): Promise<CategoryRow[]> {
  return db.select().from(categories).where(eq(categories.siteId, siteId)).orderBy(asc(categories.position)).all();
}

export async function findCategory(db: Db, siteId: string, categoryId: string): Promise<CategoryRow | undefined> {
  const statement = preparedOnce(db, 'category', () =>
    db
      .select()
      .from(categories)
      .where(and(eq(categories.siteId, sql.placeholder('siteId')), eq(categories.id, sql.placeholder('categoryId'))))
      .prepare(),
  );
  return statement.get({ siteId, categoryId });
}

/**
 * Reads a server-wide setting, storing `create()`'s value first when there is none yet: insert if
 * absent, then read what is there — the first writer's value, however many start at once.
 */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  return db.transaction((tx) => {
    tx.insert(settings).values({ key, value: create() }).onConflictDoNothing().run();
    return tx.select().from(settings).where(eq(settings.key, key)).get()!.value;
  });
}
