/**
 * Statements built and prepared once per connection and query shape, for the hot paths — as
 * sqlite/prepared.ts does per database. Building a query with drizzle cost the API more CPU than
 * PostgreSQL spent running it, and an unnamed statement is parsed and planned anew on every call
 * (bench/api): a named one is parsed once per connection and PostgreSQL keeps its plan.
 *
 * The statement is built on the session's connection (client.ts `connectionOf`), so it runs on
 * whatever that connection is doing: inside the unit's transaction, or alone. The SQL is written
 * with `sql.placeholder`s, and each distinct shape (e.g. how many identities a member has) is a key.
 */
import { sql, type Placeholder } from 'drizzle-orm';
import { connectionOf, type PgConnection, type PgSession } from './client.js';

// Shapes are few (a handful per query), but a bound keeps a pathological mix from growing without end.
const MAX_SHAPES_PER_CONNECTION = 500;
const perConnection = new WeakMap<PgConnection, Map<string, unknown>>();

// PostgreSQL's statement names are per connection, and one name may hold only one text: each key gets its own, for good.
const names = new Map<string, string>();
const nameOf = (key: string) => {
  let name = names.get(key);
  if (!name) names.set(key, (name = `porthole_${names.size}`));
  return name;
};

/** The statement `build` makes for `key` on this session's connection; `build` gets the name to prepare it under. */
export function preparedOnce<T>(session: PgSession, key: string, build: (connection: PgConnection, name: string) => T): T {
  const connection = connectionOf(session);
  let statements = perConnection.get(connection);
  if (!statements) perConnection.set(connection, (statements = new Map()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    // Forgetting the objects leaves the named statements parsed on the server: they are reused by name when built again.
    if (statements.size >= MAX_SHAPES_PER_CONNECTION) statements.clear();
    statement = build(connection, nameOf(key));
    statements.set(key, statement);
  }
  return statement;
}

/** A placeholder named after each key, for an insert or update whose every value is bound per call. */
export const placeholders = <K extends string>(keys: readonly K[]): Record<K, Placeholder> =>
  Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as unknown as Record<K, Placeholder>;
