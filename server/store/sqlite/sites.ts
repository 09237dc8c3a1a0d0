/** Sites and their categories: who embeds Porthole and what their contact form asks. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { categories, settings, sites } from './schema.js';

export type SiteRow = typeof sites.$inferSelect;

/** Site token secrets shorter than this are refused where a site is created or loaded. */
export const MIN_SITE_SECRET_BYTES = 32;
export type CategoryRow = typeof categories.$inferSelect;

export async function findSiteBySlug(db: Db, slug: string): Promise<SiteRow | undefined> {
  return db.select().from(sites).where(eq(sites.slug, slug)).get();
}

export async function countSites(db: Db): Promise<number> {
  return db.$count(sites);
}

export async function insertSite(db: Db, site: SiteRow, siteCategories: CategoryRow[]): Promise<void> {
  if (Buffer.byteLength(site.tokenSecret) < MIN_SITE_SECRET_BYTES)
    throw new Error(`the token secret of site ${site.slug} is shorter than ${MIN_SITE_SECRET_BYTES} bytes`);
  db.transaction((tx) => {
    tx.insert(sites).values(site).run();
    if (siteCategories.length) tx.insert(categories).values(siteCategories).run();
  });
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

/** Reads a server-wide setting, storing `create()`'s value first when there is none yet. */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  return db.transaction((tx) => {
    const found = tx.select().from(settings).where(eq(settings.key, key)).get();
    if (found) return found.value;
    const value = create();
    tx.insert(settings).values({ key, value }).run();
    return value;
  });
}
