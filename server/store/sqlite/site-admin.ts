/**
 * What the admin command line (server/admin/) writes: new sites with their categories, token-secret
 * rotation, agents with their first API token, and imported articles. Each function is one unit of
 * work — one synchronous transaction inside — like every repository in server/db/.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { agentApiTokens, agents, articlePageRules, articles, categories, comments, endUsers, organizations, requestCcs, requests, sites } from './schema.js';
import { MIN_SITE_SECRET_BYTES } from '../rules/sites.js';
import type { AgentRow, CategoryRow, PageRule, SiteRow } from '../rows.js';
import { ftsTableOf } from './articles.js';
import type { SiteDefaults, ArticleImport, History, NewApiToken, PageRuleRecord, SecretRotation } from '../types.js';

/** Creates a site and its categories, unless the slug is taken. */
export async function createSiteWithCategories(db: Db, site: SiteRow, siteCategories: CategoryRow[]): Promise<'created' | 'slug_taken'> {
  if (Buffer.byteLength(site.tokenSecret) < MIN_SITE_SECRET_BYTES)
    throw new Error(`the token secret of site ${site.slug} is shorter than ${MIN_SITE_SECRET_BYTES} bytes`);
  return db.transaction((tx) => {
    if (tx.select({ id: sites.id }).from(sites).where(eq(sites.slug, site.slug)).get()) return 'slug_taken';
    tx.insert(sites).values(site).run();
    if (siteCategories.length) tx.insert(categories).values(siteCategories).run();
    return 'created';
  });
}

/**
 * Makes `newSecret` the site's token secret. The current one becomes the previous secret, accepted
 * until `previousValidUntil` (null: not at all). Only one previous secret is kept.
 */
export async function rotateSiteSecret(
  db: Db,
  slug: string,
  newSecret: string,
  previousValidUntil: string | null,
  now: string,
): Promise<SecretRotation | undefined> {
  if (Buffer.byteLength(newSecret) < MIN_SITE_SECRET_BYTES) throw new Error(`a site token secret must be at least ${MIN_SITE_SECRET_BYTES} bytes`);
  return db.transaction((tx) => {
    const site = tx.select().from(sites).where(eq(sites.slug, slug)).get();
    if (!site) return undefined;
    const stillValid = site.previousTokenSecret && site.previousSecretValidUntil && site.previousSecretValidUntil > now ? site.previousSecretValidUntil : null;
    tx.update(sites)
      .set({
        tokenSecret: newSecret,
        previousTokenSecret: previousValidUntil ? site.tokenSecret : null,
        previousSecretValidUntil: previousValidUntil,
        updatedAt: now,
      })
      .where(eq(sites.id, site.id))
      .run();
    return { previousValidUntil, droppedPreviousValidUntil: stillValid };
  });
}

/** Creates an agent (and, when given, its first API token), unless the site already has one with that email. */
export async function createAgent(db: Db, agent: AgentRow, token?: NewApiToken): Promise<'created' | 'email_taken'> {
  return db.transaction((tx) => {
    if (
      tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.siteId, agent.siteId), eq(agents.email, agent.email)))
        .get()
    )
      return 'email_taken';
    tx.insert(agents).values(agent).run();
    if (token)
      tx.insert(agentApiTokens)
        .values({ ...token, agentId: agent.id })
        .run();
    return 'created';
  });
}

export async function setSiteDefaults(db: Db, siteId: string, defaults: SiteDefaults, now: string): Promise<void> {
  db.update(sites)
    .set({ ...defaults, updatedAt: now })
    .where(eq(sites.id, siteId))
    .run();
}

/**
 * Writes an article by (site, slug, locale) — each translation is a row of its own, indexed in its
 * language's FTS table: inserts it, or updates the one already there — its text, HTML, excerpt,
 * page rules and full-text row — keeping its id and creation time. An article that would
 * not change is left alone. `article.id` is used only for a new article.
 */
export async function upsertArticle(db: Db, article: ArticleImport, rules: PageRuleRecord[], now: string): Promise<'created' | 'updated' | 'unchanged'> {
  return db.transaction((tx) => {
    const existing = tx
      .select()
      .from(articles)
      .where(and(eq(articles.siteId, article.siteId), eq(articles.slug, article.slug), eq(articles.locale, article.locale)))
      .get();
    const popularity = article.popularity ?? existing?.popularity ?? 0;
    if (!existing) {
      tx.insert(articles)
        .values({ ...article, popularity, createdAt: now, updatedAt: now })
        .run();
      writeRulesAndIndex(tx, article.id, article, rules);
      return 'created';
    }
    const storedRules = tx.select().from(articlePageRules).where(eq(articlePageRules.articleId, existing.id)).all();
    const same =
      existing.title === article.title &&
      existing.markdown === article.markdown &&
      existing.html === article.html &&
      existing.excerpt === article.excerpt &&
      existing.popularity === popularity &&
      ruleKeys(storedRules) === ruleKeys(rules);
    if (same) return 'unchanged';
    tx.update(articles)
      .set({ title: article.title, markdown: article.markdown, html: article.html, excerpt: article.excerpt, popularity, updatedAt: now })
      .where(eq(articles.id, existing.id))
      .run();
    tx.delete(articlePageRules).where(eq(articlePageRules.articleId, existing.id)).run();
    tx.run(sql`DELETE FROM ${ftsTableOf(article.locale)} WHERE article_id = ${existing.id}`);
    writeRulesAndIndex(tx, existing.id, article, rules);
    return 'updated';
  });
}

function writeRulesAndIndex(tx: Tx, articleId: string, article: ArticleImport, rules: PageRuleRecord[]): void {
  for (const rule of rules)
    tx.insert(articlePageRules).values({ id: rule.id, origin: rule.origin, pathPrefix: rule.pathPrefix, siteId: article.siteId, articleId }).run();
  tx.run(
    sql`INSERT INTO ${ftsTableOf(article.locale)} (article_id, site_id, title, body) VALUES (${articleId}, ${article.siteId}, ${article.title}, ${article.markdown})`,
  );
}

const ruleKeys = (rules: PageRule[]) =>
  rules
    .map((rule) => `${rule.origin ?? ''} ${rule.pathPrefix}`)
    .sort()
    .join('\n');

/** A site's history (the demo's conversations), written in one transaction, the site's sequence moved past it. */
export async function importHistory(db: Db, siteId: string, history: History): Promise<void> {
  db.transaction((tx) => {
    const insertAll = <T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]) => {
      if (rows.length) tx.insert(table).values(rows).run();
    };
    insertAll(organizations, history.organizations);
    insertAll(endUsers, history.endUsers);
    insertAll(agents, history.agents);
    insertAll(requests, history.requests);
    insertAll(requestCcs, history.ccs);
    insertAll(comments, history.comments);
    tx.update(sites).set({ lastRequestNumber: history.lastRequestNumber }).where(eq(sites.id, siteId)).run();
  });
}
