/**
 * Help-centre articles: storage, page-rule suggestions and FTS5 search. The FTS index is written in
 * the same transaction as the article, so search never sees an article that is not there.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { articlePageRules, articles } from './schema.js';
import { preparedOnce } from './prepared.js';

export type ArticleRow = typeof articles.$inferSelect;
export type ArticleListRow = Pick<ArticleRow, 'id' | 'title' | 'excerpt'>;
export interface PageRule {
  origin: string | null;
  pathPrefix: string;
}

export async function insertArticle(db: Db, article: ArticleRow, rules: (PageRule & { id: string })[]): Promise<void> {
  db.transaction((tx) => {
    tx.insert(articles).values(article).run();
    for (const rule of rules)
      tx.insert(articlePageRules)
        .values({ ...rule, siteId: article.siteId, articleId: article.id })
        .run();
    tx.run(sql`INSERT INTO articles_fts (article_id, site_id, title, body) VALUES (${article.id}, ${article.siteId}, ${article.title}, ${article.markdown})`);
  });
}

export async function findArticle(db: Db, siteId: string, id: string): Promise<ArticleRow | undefined> {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, id)))
    .get();
}

/**
 * Articles whose page rules match this page, most specific rule first. A rule's path prefix matches
 * the path itself and anything below it at a segment boundary; the prefix "/" matches the home page only.
 */
export async function articlesForPage(db: Db, siteId: string, origin: string, path: string, limit: number): Promise<ArticleListRow[]> {
  // Every widget opening asks this: prepared once (see prepared.ts).
  const p = sql.placeholder;
  const statement = preparedOnce(db, 'articles-for-page', () =>
    db
      .select({ id: articles.id, title: articles.title, excerpt: articles.excerpt })
      .from(articlePageRules)
      .innerJoin(articles, eq(articles.id, articlePageRules.articleId))
      .where(
        and(
          eq(articlePageRules.siteId, p('siteId')),
          sql`(${articlePageRules.origin} IS NULL OR ${articlePageRules.origin} = ${p('origin')})`,
          sql`(${articlePageRules.pathPrefix} = ${p('path')} OR (${articlePageRules.pathPrefix} <> '/'
               AND substr(${p('path')}, 1, length(${articlePageRules.pathPrefix}) + 1) = ${articlePageRules.pathPrefix} || '/'))`,
        ),
      )
      .groupBy(articles.id)
      .orderBy(sql`max(length(${articlePageRules.pathPrefix})) DESC`, desc(articles.popularity), articles.title)
      .limit(p('limit'))
      .prepare(),
  );
  return statement.all({ siteId, origin, path, limit });
}

export async function popularArticles(db: Db, siteId: string, limit: number): Promise<ArticleListRow[]> {
  return db
    .select({ id: articles.id, title: articles.title, excerpt: articles.excerpt })
    .from(articles)
    .where(eq(articles.siteId, siteId))
    .orderBy(desc(articles.popularity), articles.title)
    .limit(limit)
    .all();
}

/** Ranked full-text search; `matchExpression` is already in FTS5 syntax (see services/articles). */
export async function searchArticles(db: Db, siteId: string, matchExpression: string, limit: number): Promise<ArticleListRow[]> {
  return db.all<ArticleListRow>(sql`
    SELECT a.id AS id, a.title AS title, a.excerpt AS excerpt
    FROM articles_fts f JOIN ${articles} a ON a.id = f.article_id
    WHERE articles_fts MATCH ${matchExpression} AND f.site_id = ${siteId}
    ORDER BY bm25(articles_fts, 0, 0, 10.0, 1.0)
    LIMIT ${limit}`);
}
