/**
 * Support agents, their inbox sessions and API tokens on PostgreSQL. Secrets are stored as hashes
 * only. A removed agent (`removedAt` set) is no agent here: nothing that signs in, authenticates
 * or mails the team finds them.
 */
import { and, eq, sql } from 'drizzle-orm';
import { activeAgent, agentWithSite, liveSession, siteOfAgent, validToken } from '../rules/agent-credentials.js';
import type { AgentRow } from '../rows.js';
import type { AgentWithSite, SessionLimits } from '../types.js';
import type { PgSession } from './client.js';
import { preparedOnce } from './prepared.js';
import { agentApiTokens, agents, agentSessions, sites } from './schema.js';

const tables = { agents, sites, agentSessions, agentApiTokens };
const active = activeAgent(tables);

export async function findBySiteAndEmail(tx: PgSession, siteId: string, email: string): Promise<AgentRow | undefined> {
  const [agent] = await tx
    .select()
    .from(agents)
    .where(and(eq(agents.siteId, siteId), eq(agents.email, email)));
  return agent;
}

export const byEmail = (tx: PgSession, email: string): Promise<AgentRow[]> =>
  tx
    .select()
    .from(agents)
    .where(and(eq(agents.email, email), active));

// Every submission and reply mails the team: prepared once per connection (prepared.ts).
export const listForSite = (tx: PgSession, siteId: string): Promise<AgentRow[]> =>
  preparedOnce(tx, 'site-agents', (db, name) =>
    db
      .select()
      .from(agents)
      .where(and(eq(agents.siteId, sql.placeholder('siteId')), active))
      .prepare(name),
  ).execute({ siteId });

export async function createSession(tx: PgSession, tokenHash: string, agentId: string, now: string): Promise<void> {
  await tx.insert(agentSessions).values({ tokenHash, agentId, createdAt: now, lastSeenAt: now });
}

export async function touchSession(
  tx: PgSession,
  tokenHash: string,
  limits: SessionLimits,
  now: string,
  recordUse = true,
): Promise<{ agent: AgentWithSite; signedInAt: string } | undefined> {
  const session = liveSession(tables, tokenHash, limits);
  const [found] = await tx
    .select(session.columns)
    .from(agentSessions)
    .innerJoin(agents, session.agent)
    .innerJoin(sites, siteOfAgent(tables))
    .where(session.where);
  if (!found) return undefined;
  if (recordUse) await tx.update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.tokenHash, tokenHash));
  return { agent: agentWithSite(found), signedInAt: found.signedInAt };
}

export async function deleteSession(tx: PgSession, tokenHash: string): Promise<void> {
  await tx.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash));
}

export async function byApiToken(
  tx: PgSession,
  tokenHash: string,
  now: string,
  recordUse = true,
): Promise<{ agent: AgentWithSite; expiresAt: string | null } | undefined> {
  const token = validToken(tables, tokenHash, now);
  const [found] = await tx.select(token.columns).from(agentApiTokens).innerJoin(agents, token.agent).innerJoin(sites, siteOfAgent(tables)).where(token.where);
  if (!found) return undefined;
  if (recordUse) await tx.update(agentApiTokens).set({ lastUsedAt: now }).where(eq(agentApiTokens.tokenHash, tokenHash));
  return { agent: agentWithSite(found), expiresAt: found.expiresAt };
}
