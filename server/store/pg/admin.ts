/**
 * What the admin command line and the seed write, on PostgreSQL. Outcomes that depend on what is
 * already there (`slug_taken`, `email_taken`, created/updated) are decided by the unique indexes
 * (ON CONFLICT), so two admin commands racing get one winner and an answer each, never a 500.
 */
import { and, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { AgentRow, CategoryRow, SiteRow } from '../rows.js';
import { MIN_SITE_SECRET_BYTES } from '../rules/sites.js';
import type { SiteDefaults, ArticleImport, History, ListedApiToken, NewApiToken, PageRuleRecord, SecretRotation, TokenRevocation } from '../types.js';
import type { PgSession, PgTx } from './client.js';
import { articleColumns } from './articles.js';
import {
  agentApiTokens,
  agents,
  agentSessions,
  articlePageRules,
  articles,
  categories,
  comments,
  endUsers,
  organizations,
  requestCcs,
  requests,
  sites,
} from './schema.js';

function requireSiteSecret(secret: string, what: string): void {
  if (Buffer.byteLength(secret) < MIN_SITE_SECRET_BYTES) throw new Error(`${what} is shorter than ${MIN_SITE_SECRET_BYTES} bytes`);
}

export async function createSiteWithCategories(tx: PgTx, site: SiteRow, siteCategories: CategoryRow[]): Promise<'created' | 'slug_taken'> {
  requireSiteSecret(site.tokenSecret, `the token secret of site ${site.slug}`);
  const created = await tx.insert(sites).values(site).onConflictDoNothing({ target: sites.slug }).returning({ id: sites.id });
  if (!created.length) return 'slug_taken';
  if (siteCategories.length) await tx.insert(categories).values(siteCategories);
  return 'created';
}

/**
 * Makes `newSecret` the site's token secret; the current one becomes the previous secret, accepted
 * until `previousValidUntil` (null: not at all). The site row is locked while deciding, so two
 * rotations at once keep a consistent pair.
 */
export async function rotateSecret(
  tx: PgTx,
  slug: string,
  newSecret: string,
  previousValidUntil: string | null,
  now: string,
): Promise<SecretRotation | undefined> {
  requireSiteSecret(newSecret, 'a site token secret');
  const [site] = await tx.select().from(sites).where(eq(sites.slug, slug)).for('update');
  if (!site) return undefined;
  const stillValid = site.previousTokenSecret && site.previousSecretValidUntil && site.previousSecretValidUntil > now ? site.previousSecretValidUntil : null;
  await tx
    .update(sites)
    .set({
      tokenSecret: newSecret,
      previousTokenSecret: previousValidUntil ? site.tokenSecret : null,
      previousSecretValidUntil: previousValidUntil,
      updatedAt: now,
    })
    .where(eq(sites.id, site.id));
  return { previousValidUntil, droppedPreviousValidUntil: stillValid };
}

export async function createAgent(tx: PgTx, agent: AgentRow, token?: NewApiToken): Promise<'created' | 'email_taken'> {
  const created = await tx
    .insert(agents)
    .values(agent)
    .onConflictDoNothing({ target: [agents.siteId, agents.email] })
    .returning({ id: agents.id });
  if (!created.length) return 'email_taken';
  if (token) await tx.insert(agentApiTokens).values({ ...token, agentId: agent.id });
  return 'created';
}

export async function reinstateAgent(tx: PgTx, agentId: string, name: string, passwordHash: string, token?: NewApiToken): Promise<void> {
  await tx.update(agents).set({ removedAt: null, name, passwordHash }).where(eq(agents.id, agentId));
  if (token) await tx.insert(agentApiTokens).values(token);
}

export async function insertApiToken(tx: PgTx, token: NewApiToken): Promise<void> {
  await tx.insert(agentApiTokens).values(token);
}

// Everything about a token but its hash, which stays in the database.
const { tokenHash: _hash, ...tokenColumns } = getTableColumns(agentApiTokens);
const listedToken = { ...tokenColumns, agentEmail: agents.email };

export const listApiTokens = (tx: PgTx, siteId: string, agentId?: string): Promise<ListedApiToken[]> =>
  tx
    .select(listedToken)
    .from(agentApiTokens)
    .innerJoin(agents, eq(agents.id, agentApiTokens.agentId))
    .where(and(eq(agents.siteId, siteId), agentId === undefined ? undefined : eq(agents.id, agentId)))
    .orderBy(desc(agentApiTokens.createdAt), desc(agentApiTokens.id));

/** Revokes a token by id: refused from `now` on. A token revoked before keeps its first revocation time. */
export async function revokeApiToken(tx: PgTx, id: string, now: string): Promise<TokenRevocation> {
  const [found] = await tx
    .select({ token: listedToken, siteSlug: sites.slug })
    .from(agentApiTokens)
    .innerJoin(agents, eq(agents.id, agentApiTokens.agentId))
    .innerJoin(sites, eq(sites.id, agents.siteId))
    .where(eq(agentApiTokens.id, id))
    .for('update', { of: agentApiTokens });
  if (!found) return { kind: 'not_found' };
  if (found.token.revokedAt) return { kind: 'already_revoked', ...found };
  await tx.update(agentApiTokens).set({ revokedAt: now }).where(eq(agentApiTokens.id, id));
  return { kind: 'revoked', token: { ...found.token, revokedAt: now }, siteSlug: found.siteSlug };
}

export async function removeAgent(tx: PgTx, agentId: string, now: string): Promise<{ sessions: number; tokens: number }> {
  await tx.update(agents).set({ removedAt: now, passwordHash: null }).where(eq(agents.id, agentId));
  const sessions = await tx.delete(agentSessions).where(eq(agentSessions.agentId, agentId)).returning({ tokenHash: agentSessions.tokenHash });
  const tokens = await tx
    .update(agentApiTokens)
    .set({ revokedAt: now })
    .where(and(eq(agentApiTokens.agentId, agentId), isNull(agentApiTokens.revokedAt)))
    .returning({ id: agentApiTokens.id });
  return { sessions: sessions.length, tokens: tokens.length };
}

export async function resetPassword(tx: PgTx, agentId: string, passwordHash: string): Promise<number> {
  await tx.update(agents).set({ passwordHash }).where(eq(agents.id, agentId));
  const ended = await tx.delete(agentSessions).where(eq(agentSessions.agentId, agentId)).returning({ tokenHash: agentSessions.tokenHash });
  return ended.length;
}

export async function setSiteDefaults(tx: PgSession, siteId: string, defaults: SiteDefaults, now: string): Promise<void> {
  await tx
    .update(sites)
    .set({ ...defaults, updatedAt: now })
    .where(eq(sites.id, siteId));
}

/**
 * Writes an article by (site, slug, locale): inserted — the unique (site, slug, locale) index decides, so two
 * imports racing create one — or updated in place (id and creation time kept, page rules replaced),
 * or left alone when nothing would change. The search document follows by itself (generated column).
 */
export async function upsertArticle(tx: PgTx, article: ArticleImport, rules: PageRuleRecord[], now: string): Promise<'created' | 'updated' | 'unchanged'> {
  const created = await tx
    .insert(articles)
    .values({ ...article, popularity: article.popularity ?? 0, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [articles.siteId, articles.slug, articles.locale] })
    .returning({ id: articles.id });
  if (created.length) {
    await insertRules(tx, article.id, article.siteId, rules);
    return 'created';
  }
  const [existing] = await tx
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.siteId, article.siteId), eq(articles.slug, article.slug), eq(articles.locale, article.locale)))
    .for('update');
  const popularity = article.popularity ?? existing!.popularity;
  const storedRules = await tx.select().from(articlePageRules).where(eq(articlePageRules.articleId, existing!.id));
  const same =
    existing!.title === article.title &&
    existing!.markdown === article.markdown &&
    existing!.html === article.html &&
    existing!.excerpt === article.excerpt &&
    existing!.popularity === popularity &&
    ruleKeys(storedRules) === ruleKeys(rules);
  if (same) return 'unchanged';
  await tx
    .update(articles)
    .set({ title: article.title, markdown: article.markdown, html: article.html, excerpt: article.excerpt, popularity, updatedAt: now })
    .where(eq(articles.id, existing!.id));
  await tx.delete(articlePageRules).where(eq(articlePageRules.articleId, existing!.id));
  await insertRules(tx, existing!.id, article.siteId, rules);
  return 'updated';
}

async function insertRules(tx: PgTx, articleId: string, siteId: string, rules: PageRuleRecord[]): Promise<void> {
  if (rules.length)
    await tx.insert(articlePageRules).values(rules.map((rule) => ({ id: rule.id, origin: rule.origin, pathPrefix: rule.pathPrefix, siteId, articleId })));
}

const ruleKeys = (rules: { origin: string | null; pathPrefix: string }[]) =>
  rules
    .map((rule) => `${rule.origin ?? ''} ${rule.pathPrefix}`)
    .sort()
    .join('\n');

/** The seed's history for a site in one transaction; the site's sequence moves past the numbers it used. */
export async function importHistory(tx: PgTx, siteId: string, history: History): Promise<void> {
  await insertAll(tx, organizations, history.organizations);
  await insertAll(tx, endUsers, history.endUsers);
  await insertAll(tx, agents, history.agents);
  await insertAll(tx, requests, history.requests);
  await insertAll(tx, requestCcs, history.ccs);
  await insertAll(tx, comments, history.comments);
  await tx
    .update(sites)
    .set({ lastRequestNumber: sql`greatest(${sites.lastRequestNumber}, ${history.lastRequestNumber})` })
    .where(eq(sites.id, siteId));
}

// A statement binds at most 65,535 parameters: rows go in batches well below that.
const BATCH = 1000;

async function insertAll<T extends PgTable>(tx: PgTx, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH) await tx.insert(table).values(rows.slice(at, at + BATCH));
}
