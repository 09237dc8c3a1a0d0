/**
 * Support agents, their inbox sessions and API tokens on PostgreSQL. Secrets are stored as hashes
 * only. A removed agent (`removedAt` set) is no agent here: nothing that signs in, authenticates
 * or mails the team finds them.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { AgentRow } from '../rows.js';
import type { AgentWithSite, SessionLimits } from '../types.js';
import type { PgSession } from './client.js';
import { agentApiTokens, agents, agentSessions, sites } from './schema.js';

const withSite = { agent: agents, siteSlug: sites.slug, siteName: sites.name };
const flatten = (row: { agent: AgentRow; siteSlug: string; siteName: string }): AgentWithSite => ({
  ...row.agent,
  siteSlug: row.siteSlug,
  siteName: row.siteName,
});
const active = isNull(agents.removedAt);

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

export const listForSite = (tx: PgSession, siteId: string): Promise<AgentRow[]> =>
  tx
    .select()
    .from(agents)
    .where(and(eq(agents.siteId, siteId), active));

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
  const [found] = await tx
    .select({ ...withSite, signedInAt: agentSessions.createdAt })
    .from(agentSessions)
    .innerJoin(agents, and(eq(agents.id, agentSessions.agentId), active))
    .innerJoin(sites, eq(sites.id, agents.siteId))
    .where(and(eq(agentSessions.tokenHash, tokenHash), gt(agentSessions.lastSeenAt, limits.idleSince), gt(agentSessions.createdAt, limits.startedSince)));
  if (!found) return undefined;
  if (recordUse) await tx.update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.tokenHash, tokenHash));
  return { agent: flatten(found), signedInAt: found.signedInAt };
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
  const [found] = await tx
    .select({ ...withSite, expiresAt: agentApiTokens.expiresAt })
    .from(agentApiTokens)
    .innerJoin(agents, and(eq(agents.id, agentApiTokens.agentId), active))
    .innerJoin(sites, eq(sites.id, agents.siteId))
    .where(
      and(eq(agentApiTokens.tokenHash, tokenHash), isNull(agentApiTokens.revokedAt), or(isNull(agentApiTokens.expiresAt), gt(agentApiTokens.expiresAt, now))),
    );
  if (!found) return undefined;
  if (recordUse) await tx.update(agentApiTokens).set({ lastUsedAt: now }).where(eq(agentApiTokens.tokenHash, tokenHash));
  return { agent: flatten(found), expiresAt: found.expiresAt };
}
