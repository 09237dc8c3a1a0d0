/** How the shared rules (rules/hints.ts) read on PostgreSQL. */
import { ilike, sql } from 'drizzle-orm';
import type { Hints } from '../rules/hints.js';

export const pgHints: Hints = {
  falseSql: sql`false`,
  // PostgreSQL plans from statistics; there is no hint to give, and unary `+` on text is a type error.
  filterOnly: (column) => column,
  // ILIKE: plain LIKE is case-sensitive here (SQLite's ignores ASCII case); backslash is ILIKE's default escape.
  containsIgnoringCase: (column, pattern) => ilike(column, pattern),
};
