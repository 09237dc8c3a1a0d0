/** Support agents, their inbox sessions and their API tokens. Secrets are stored as hashes only. */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { agentApiTokens, agents, agentSessions, sites } from './schema.js';

export type AgentRow = typeof agents.$inferSelect;
export interface AgentWithSite extends AgentRow {
  siteSlug: string;
  siteName: string;
}

const withSite = { agent: agents, siteSlug: sites.slug, siteName: sites.name };
const flatten = (row: { agent: AgentRow; siteSlug: string; siteName: string } | undefined): AgentWithSite | undefined =>
  row && { ...row.agent, siteSlug: row.siteSlug, siteName: row.siteName };

export async function insertAgent(db: Db, agent: AgentRow): Promise<void> {
  db.insert(agents).values(agent).run();
}

export async function findAgentBySiteAndEmail(db: Db, siteId: string, email: string): Promise<AgentRow | undefined> {
  return db.select().from(agents).where(and(eq(agents.siteId, siteId), eq(agents.email, email))).get();
}

/** Every agent account with this address (one per site they work for). */
export async function agentsByEmail(db: Db, email: string): Promise<AgentRow[]> {
  return db.select().from(agents).where(eq(agents.email, email)).all();
}

export async function setAgentPassword(db: Db, agentId: string, passwordHash: string): Promise<void> {
  db.update(agents).set({ passwordHash }).where(eq(agents.id, agentId)).run();
}

export async function listSiteAgents(db: Db, siteId: string): Promise<AgentRow[]> {
  const statement = preparedOnce(db, 'site-agents', () => db.select().from(agents).where(eq(agents.siteId, sql.placeholder('siteId'))).prepare());
  return statement.all({ siteId });
}

export async function createAgentSession(db: Db, tokenHash: string, agentId: string, now: string): Promise<void> {
  db.insert(agentSessions).values({ tokenHash, agentId, createdAt: now, lastSeenAt: now }).run();
}

/** The agent of a session still in use since `idleSince`; using it keeps it alive. */
export async function touchAgentSession(db: Db, tokenHash: string, idleSince: string, now: string): Promise<AgentWithSite | undefined> {
  return db.transaction((tx) => {
    const found = tx
      .select(withSite)
      .from(agentSessions)
      .innerJoin(agents, eq(agents.id, agentSessions.agentId))
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(and(eq(agentSessions.tokenHash, tokenHash), gt(agentSessions.lastSeenAt, idleSince)))
      .get();
    if (found) tx.update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.tokenHash, tokenHash)).run();
    return flatten(found);
  });
}

export async function deleteAgentSession(db: Db, tokenHash: string): Promise<void> {
  db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash)).run();
}

export async function insertApiToken(db: Db, token: typeof agentApiTokens.$inferInsert): Promise<void> {
  db.insert(agentApiTokens).values(token).run();
}

export async function findAgentByApiToken(db: Db, tokenHash: string, now: string): Promise<AgentWithSite | undefined> {
  return db.transaction((tx) => {
    const found = tx
      .select(withSite)
      .from(agentApiTokens)
      .innerJoin(agents, eq(agents.id, agentApiTokens.agentId))
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(eq(agentApiTokens.tokenHash, tokenHash))
      .get();
    if (found) tx.update(agentApiTokens).set({ lastUsedAt: now }).where(eq(agentApiTokens.tokenHash, tokenHash)).run();
    return flatten(found);
  });
}
