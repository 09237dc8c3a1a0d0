/**
 * Statements built and prepared once per database and query shape, for the hot paths. Building a
 * query with drizzle and having SQLite compile it costs several times more than running it (a
 * member's list: ~0.6 ms to build and prepare, ~0.07 ms to run; bench/api), so the queries every
 * widget request makes are written with `sql.placeholder`s and kept here, keyed by their shape
 * (e.g. how many identities a member has), with the values bound on each call.
 */
import type { Db } from './client.js';

// Shapes are few (a handful per query), but a bound keeps a pathological mix from growing without end.
const MAX_SHAPES_PER_DB = 500;
const perDb = new WeakMap<Db, Map<string, unknown>>();

/** The statement `build` makes for `key` on this database, built and prepared at first use. */
export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let statements = perDb.get(db);
  if (!statements) perDb.set(db, (statements = new Map()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    if (statements.size >= MAX_SHAPES_PER_DB) statements.clear();
    statement = build();
    statements.set(key, statement);
  }
  return statement;
}
