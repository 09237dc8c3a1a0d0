/**
 * Support agents, their inbox sessions and their API tokens. Secrets are stored as hashes only.
 * A removed agent (`removedAt` set) is no agent here: nothing that signs in, authenticates or
 * mails the team finds them.
 */
import { and, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { agentApiTokens, agents, agentSessions, sites } from './schema.js';

import { activeAgent, agentWithSite, liveSession, siteOfAgent, validToken } from '../rules/agent-credentials.js';
import type { AgentRow } from '../rows.js';
import type { AgentWithSite, ListedApiToken, NewApiToken, SessionLimits, TokenRevocation } from '../types.js';

const tables = { agents, sites, agentSessions, agentApiTokens };
const active = activeAgent(tables);

/** The site's agent with this address, removed or not (the admin command tells the two apart). */
export async function findAgentBySiteAndEmail(db: Db, siteId: string, email: string): Promise<AgentRow | undefined> {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.siteId, siteId), eq(agents.email, email)))
    .get();
}

/** Every agent account with this address that may sign in (one per site they work for). */
export async function agentsByEmail(db: Db, email: string): Promise<AgentRow[]> {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.email, email), active))
    .all();
}

/** The site's agents who are told of new requests and customer replies. */
export async function listSiteAgents(db: Db, siteId: string): Promise<AgentRow[]> {
  const statement = preparedOnce(db, 'site-agents', () =>
    db
      .select()
      .from(agents)
      .where(and(eq(agents.siteId, sql.placeholder('siteId')), active))
      .prepare(),
  );
  return statement.all({ siteId });
}

export async function createAgentSession(db: Db, tokenHash: string, agentId: string, now: string): Promise<void> {
  db.insert(agentSessions).values({ tokenHash, agentId, createdAt: now, lastSeenAt: now }).run();
}

/**
 * The agent of a session last used after `idleSince` and begun after `startedSince`, and when it
 * began. Using a session (`recordUse`) moves its last use to `now`; nothing moves its start.
 */
export async function touchAgentSession(
  db: Db,
  tokenHash: string,
  limits: SessionLimits,
  now: string,
  recordUse = true,
): Promise<{ agent: AgentWithSite; signedInAt: string } | undefined> {
  return db.transaction((tx) => {
    const session = liveSession(tables, tokenHash, limits);
    const found = tx
      .select(session.columns)
      .from(agentSessions)
      .innerJoin(agents, session.agent)
      .innerJoin(sites, siteOfAgent(tables))
      .where(session.where)
      .get();
    if (!found) return undefined;
    if (recordUse) tx.update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.tokenHash, tokenHash)).run();
    return { agent: agentWithSite(found), signedInAt: found.signedInAt };
  });
}

export async function deleteAgentSession(db: Db, tokenHash: string): Promise<void> {
  db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash)).run();
}

export async function insertApiToken(db: Db, token: NewApiToken): Promise<void> {
  db.insert(agentApiTokens).values(token).run();
}

/** The agent of a token that is neither revoked nor expired at `now`, and when it expires; using it (`recordUse`) records when. */
export async function findAgentByApiToken(
  db: Db,
  tokenHash: string,
  now: string,
  recordUse = true,
): Promise<{ agent: AgentWithSite; expiresAt: string | null } | undefined> {
  return db.transaction((tx) => {
    const token = validToken(tables, tokenHash, now);
    const found = tx.select(token.columns).from(agentApiTokens).innerJoin(agents, token.agent).innerJoin(sites, siteOfAgent(tables)).where(token.where).get();
    if (!found) return undefined;
    if (recordUse) tx.update(agentApiTokens).set({ lastUsedAt: now }).where(eq(agentApiTokens.tokenHash, tokenHash)).run();
    return { agent: agentWithSite(found), expiresAt: found.expiresAt };
  });
}

// ---- what the admin command changes --------------------------------------------------

// Everything about a token but its hash, which stays in the database.
const { tokenHash: _hash, ...tokenColumns } = getTableColumns(agentApiTokens);
const listedToken = { ...tokenColumns, agentEmail: agents.email };

/** A site's API tokens (all of one agent's, with `agentId`), newest first — never their hashes. */
export async function listApiTokens(db: Db, siteId: string, agentId?: string): Promise<ListedApiToken[]> {
  return db
    .select(listedToken)
    .from(agentApiTokens)
    .innerJoin(agents, eq(agents.id, agentApiTokens.agentId))
    .where(and(eq(agents.siteId, siteId), agentId === undefined ? undefined : eq(agents.id, agentId)))
    .orderBy(desc(agentApiTokens.createdAt), desc(agentApiTokens.id))
    .all();
}

/** Revokes a token by id: refused from `now` on. A token revoked before keeps its first revocation time. */
export async function revokeApiToken(db: Db, id: string, now: string): Promise<TokenRevocation> {
  return db.transaction((tx) => {
    const found = tx
      .select({ token: listedToken, siteSlug: sites.slug })
      .from(agentApiTokens)
      .innerJoin(agents, eq(agents.id, agentApiTokens.agentId))
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(eq(agentApiTokens.id, id))
      .get();
    if (!found) return { kind: 'not_found' };
    if (found.token.revokedAt) return { kind: 'already_revoked', ...found };
    tx.update(agentApiTokens).set({ revokedAt: now }).where(eq(agentApiTokens.id, id)).run();
    return { kind: 'revoked', token: { ...found.token, revokedAt: now }, siteSlug: found.siteSlug };
  });
}

/** Removes an agent: they can no longer sign in, their sessions end and their tokens are revoked. Returns how many of each ended. */
export async function markAgentRemoved(db: Db, agentId: string, now: string): Promise<{ sessions: number; tokens: number }> {
  return db.transaction((tx) => {
    tx.update(agents).set({ removedAt: now, passwordHash: null }).where(eq(agents.id, agentId)).run();
    const sessions = tx.delete(agentSessions).where(eq(agentSessions.agentId, agentId)).run().changes;
    const tokens = tx
      .update(agentApiTokens)
      .set({ revokedAt: now })
      .where(and(eq(agentApiTokens.agentId, agentId), isNull(agentApiTokens.revokedAt)))
      .run().changes;
    return { sessions, tokens };
  });
}

/** Gives an agent a new password and ends every inbox session they have (returns how many); API tokens are left alone. */
export async function resetAgentPassword(db: Db, agentId: string, passwordHash: string): Promise<number> {
  return db.transaction((tx) => {
    tx.update(agents).set({ passwordHash }).where(eq(agents.id, agentId)).run();
    return tx.delete(agentSessions).where(eq(agentSessions.agentId, agentId)).run().changes;
  });
}

/** Brings a removed agent back with a new name and password (and a first token, when given); their old sessions and tokens stay ended. */
export async function reinstateAgent(db: Db, agentId: string, name: string, passwordHash: string, token?: NewApiToken): Promise<void> {
  db.transaction((tx) => {
    tx.update(agents).set({ removedAt: null, name, passwordHash }).where(eq(agents.id, agentId)).run();
    if (token) tx.insert(agentApiTokens).values(token).run();
  });
}
