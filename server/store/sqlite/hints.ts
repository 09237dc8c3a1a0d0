/** How the shared rules (../rules/) are written in SQLite's dialect. */
import { like, sql } from 'drizzle-orm';
import type { Hints } from '../rules/hints.js';

export const sqliteHints: Hints = {
  falseSql: sql`0`,
  // `+col`: compared, but never the index SQLite picks to walk.
  filterOnly: (column) => sql`+${column}`,
  // SQLite's LIKE ignores case for ASCII letters, as the queue search always has.
  containsIgnoringCase: (column, pattern) => sql`${like(column, pattern)} ESCAPE '\\'`,
};
