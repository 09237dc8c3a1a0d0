/** How each site's mail is sent, on SQLite (rules/site-mail.ts reads a row the same way on both engines). */
import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { siteMailSettings, sites } from './schema.js';
import { dkimColumns, identityOf } from '../rules/site-mail.js';
import type { SiteMailSettingRow } from '../rows.js';
import type { DkimKey, SiteMailIdentity } from '../types.js';

export async function identity(db: Db, siteId: string): Promise<SiteMailIdentity | undefined> {
  const row = db
    .select({ name: sites.name, settings: siteMailSettings })
    .from(sites)
    .leftJoin(siteMailSettings, eq(siteMailSettings.siteId, sites.id))
    .where(eq(sites.id, siteId))
    .get();
  return row && identityOf(row.name, row.settings);
}

const upsert = (db: Db, siteId: string, values: Partial<Omit<SiteMailSettingRow, 'siteId'>>) =>
  commitWithOthers(db, (tx) => {
    tx.insert(siteMailSettings)
      .values({ siteId, ...values })
      .onConflictDoUpdate({ target: siteMailSettings.siteId, set: values })
      .run();
  });

export const setFromAddress = (db: Db, siteId: string, address: string | null) => upsert(db, siteId, { fromAddress: address });
export const setDkim = (db: Db, siteId: string, key: DkimKey | null) => upsert(db, siteId, dkimColumns(key));
