/**
 * Request lists are ordered by newest activity, the number breaking ties, and paged by the position
 * of the last row seen (services/cursor.ts). The position is compared as a row value, which both
 * engines support: SQLite then seeks straight to it in the (…, updated_at, number) index, where the
 * equivalent `updated_at < ? OR (updated_at = ? AND number < ?)` walked the index from the top —
 * twice the time 500 rows deep, and growing with depth (bench/api).
 */
import { desc, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';

export interface ActivityColumns {
  updatedAt: Column;
  number: Column;
}

export const newestActivityFirst = (t: ActivityColumns): [SQL, SQL] => [desc(t.updatedAt), desc(t.number)];

export const olderThan = (t: ActivityColumns, updatedAt: string | Placeholder, number: number | Placeholder): SQL =>
  sql`(${t.updatedAt}, ${t.number}) < (${updatedAt}, ${number})`;
