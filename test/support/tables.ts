/**
 * The one place tests get table objects from, so the same test can inspect either engine's database.
 * Today there is one schema, SQLite's. When the PostgreSQL twin schema lands, the `schema` line below
 * becomes the only change: `process.env.PORTHOLE_TEST_ENGINE === 'postgres' ? (pgSchema as unknown as typeof sqliteSchema) : sqliteSchema`
 * (the twins have the same tables and columns, so tests keep SQLite's types and get the engine's tables at run time).
 */
import * as sqliteSchema from '../../server/store/sqlite/schema.js';

const schema = sqliteSchema;

export const {
  agentApiTokens,
  agentSessions,
  agents,
  articlePageRules,
  articles,
  categories,
  comments,
  endUsers,
  idempotencyKeys,
  organizations,
  outbox,
  requestCcs,
  requests,
  settings,
  sites,
  usedTokenIds,
} = schema;
