/**
 * The one place tests get table objects from, so the same test inspects either engine's database:
 * the engine's own tables at run time (testEngine), typed as SQLite's — the twins have the same
 * tables, columns and row types (server/store/schema-parity.ts holds them in step).
 */
import * as pgSchema from '../../server/store/pg/schema.js';
import * as sqliteSchema from '../../server/store/sqlite/schema.js';
import { testEngine } from './test-engine.js';

const schema = testEngine === 'postgres' ? (pgSchema as unknown as typeof sqliteSchema) : sqliteSchema;

export const {
  agentApiTokens,
  agentSessions,
  agents,
  articlePageRules,
  attachments,
  articles,
  categories,
  comments,
  endUsers,
  idempotencyKeys,
  organizations,
  outbox,
  requestCcs,
  requestRatings,
  requests,
  settings,
  sites,
  usedTokenIds,
  webhookDeliveries,
  webhooks,
} = schema;
