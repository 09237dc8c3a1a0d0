/**
 * The few places where the same rule must be written differently per SQL dialect. Each adapter
 * passes its own `Hints` to the builders in this folder (visibility.ts, agent-queue.ts, queue-search.ts), so the
 * rules themselves are written once and neither adapter can drift from the other.
 */
import type { Column, SQL } from 'drizzle-orm';

export interface Hints {
  /** A condition that is never true (SQLite has no boolean literal before 3.23: `0`; PostgreSQL: `false`). */
  falseSql: SQL;
  /**
   * A column compared only to filter, never to pick the index to walk by. SQLite reads `+col` that
   * way (a planner hint); on PostgreSQL unary `+` on text is a type error, so it is the plain column.
   */
  filterOnly(column: Column): SQL | Column;
  /** `column` contains the already-escaped LIKE `pattern` (backslash escapes), ignoring letter case. */
  containsIgnoringCase(column: Column, pattern: string): SQL;
}
