/**
 * Request lists are ordered by newest activity, the number breaking ties, and paged by the
 * position of the last row seen (services/cursor.ts). The position is compared as a row value:
 * SQLite then seeks straight to it in the (…, updated_at, number) index, where the equivalent
 * `updated_at < ? OR (updated_at = ? AND number < ?)` walked the index from the top — twice the
 * time 500 rows deep, and growing with depth (bench/api).
 */
import { desc, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { requests } from './schema.js';

export const newestActivityFirst = [desc(requests.updatedAt), desc(requests.number)] as const;

export const olderThan = (updatedAt: string | Placeholder, number: number | Placeholder): SQL =>
  sql`(${requests.updatedAt}, ${requests.number}) < (${updatedAt}, ${number})`;
