/** How each site's mail is sent, on PostgreSQL: the twin of sqlite/site-mail.ts. */
import { eq } from 'drizzle-orm';
import type { PgSession } from './client.js';
import { siteMailSettings, sites } from './schema.js';
import { dkimColumns, identityOf } from '../rules/site-mail.js';
import type { SiteMailSettingRow } from '../rows.js';
import type { DkimKey, SiteMailIdentity } from '../types.js';

export async function identity(tx: PgSession, siteId: string): Promise<SiteMailIdentity | undefined> {
  const [row] = await tx
    .select({ name: sites.name, settings: siteMailSettings })
    .from(sites)
    .leftJoin(siteMailSettings, eq(siteMailSettings.siteId, sites.id))
    .where(eq(sites.id, siteId));
  return row && identityOf(row.name, row.settings);
}

const upsert = async (tx: PgSession, siteId: string, values: Partial<Omit<SiteMailSettingRow, 'siteId'>>) => {
  await tx
    .insert(siteMailSettings)
    .values({ siteId, ...values })
    .onConflictDoUpdate({ target: siteMailSettings.siteId, set: values });
};

export const setFromAddress = (tx: PgSession, siteId: string, address: string | null) => upsert(tx, siteId, { fromAddress: address });
export const setDkim = (tx: PgSession, siteId: string, key: DkimKey | null) => upsert(tx, siteId, dkimColumns(key));
