/**
 * Which agent a session or an API token stands for, written once: an active agent (a removed one
 * is no agent: nothing signs in as them), with their site's slug and name (AgentWithSite). Each
 * adapter chains these in its own dialect, from the session or token table to the agent to the site.
 */
import { and, eq, gt, isNull, or, type Column, type SQL, type Table } from 'drizzle-orm';
import type { AgentRow } from '../rows.js';
import type { AgentWithSite, SessionLimits } from '../types.js';

export interface CredentialTables {
  agents: Table & { id: Column; siteId: Column; removedAt: Column };
  sites: Table & { id: Column; slug: Column; name: Column };
  agentSessions: Table & { tokenHash: Column; agentId: Column; createdAt: Column; lastSeenAt: Column };
  agentApiTokens: Table & { tokenHash: Column; agentId: Column; revokedAt: Column; expiresAt: Column };
}

/** The agent has not been removed. */
export const activeAgent = (t: Pick<CredentialTables, 'agents'>): SQL => isNull(t.agents.removedAt);

// A type, not an interface: drizzle's select wants an object type it can index.
type WithSite<T extends CredentialTables> = { agent: T['agents']; siteSlug: T['sites']['slug']; siteName: T['sites']['name'] };

const withSite = <T extends CredentialTables>(t: T): WithSite<T> => ({ agent: t.agents, siteSlug: t.sites.slug, siteName: t.sites.name });

/** A credential's read: the agent with their site and what the credential adds, its join to the agent, and which credentials count. */
type CredentialRead<T extends CredentialTables, Extra> = { columns: WithSite<T> & Extra; agent: SQL; where: SQL };

/** The agent row with its site's names, as the port returns it. */
export const agentWithSite = (row: { agent: AgentRow; siteSlug: string; siteName: string }): AgentWithSite => ({
  ...row.agent,
  siteSlug: row.siteSlug,
  siteName: row.siteName,
});

/** The agent `agentId` names (a session's or a token's), only while active. */
const activeAgentOf = (t: Pick<CredentialTables, 'agents'>, agentId: Column): SQL => and(eq(t.agents.id, agentId), activeAgent(t))!;

/** The agent's site, joined to the agent. */
export const siteOfAgent = (t: Pick<CredentialTables, 'agents' | 'sites'>): SQL => eq(t.sites.id, t.agents.siteId);

/** The active agent of a session last used after `idleSince` and begun after `startedSince`, and when it began. */
export const liveSession = <T extends CredentialTables>(
  t: T,
  tokenHash: string,
  limits: SessionLimits,
): CredentialRead<T, { signedInAt: T['agentSessions']['createdAt'] }> => ({
  columns: { ...withSite(t), signedInAt: t.agentSessions.createdAt },
  agent: activeAgentOf(t, t.agentSessions.agentId),
  where: and(eq(t.agentSessions.tokenHash, tokenHash), gt(t.agentSessions.lastSeenAt, limits.idleSince), gt(t.agentSessions.createdAt, limits.startedSince))!,
});

/** The active agent of a token neither revoked nor expired at `now`, and when it expires. */
export const validToken = <T extends CredentialTables>(
  t: T,
  tokenHash: string,
  now: string,
): CredentialRead<T, { expiresAt: T['agentApiTokens']['expiresAt'] }> => ({
  columns: { ...withSite(t), expiresAt: t.agentApiTokens.expiresAt },
  agent: activeAgentOf(t, t.agentApiTokens.agentId),
  where: and(
    eq(t.agentApiTokens.tokenHash, tokenHash),
    isNull(t.agentApiTokens.revokedAt),
    or(isNull(t.agentApiTokens.expiresAt), gt(t.agentApiTokens.expiresAt, now)),
  )!,
});
