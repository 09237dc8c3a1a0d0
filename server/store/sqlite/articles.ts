/**
 * Help-centre articles: storage, page-rule suggestions and FTS5 search. The FTS index is written in
 * the same transaction as the article, so search never sees an article that is not there.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { articlePageRules, articles } from './schema.js';
import { preparedOnce } from './prepared.js';
import type { ArticleRow } from '../rows.js';
import type { ArticleListRow } from '../types.js';
import { rankSearchHits, type SearchHit } from '../rules/search-rank.js';

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

/**
 * Full-text search for `words` (rules/search-words.ts): each quoted, so no word can be FTS5 syntax,
 * and a prefix (`"refu"*`); all required. FTS5 finds the matches; rules/search-rank.ts orders them,
 * from the words each title and body has that match — highlight() marks every one with \x01.
 */
export async function searchArticles(db: Db, siteId: string, words: string[], limit: number): Promise<ArticleListRow[]> {
  if (!words.length) return [];
  const matchExpression = words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
  const hits = db.all<SearchHit>(sql`
    SELECT id, title, excerpt, titleLength, bodyLength,
      length(markedTitle) - length(replace(markedTitle, char(1), '')) AS titleHits,
      length(markedBody) - length(replace(markedBody, char(1), '')) AS bodyHits
    FROM (
      SELECT a.id AS id, a.title AS title, a.excerpt AS excerpt, length(a.title) AS titleLength, length(a.markdown) AS bodyLength,
        highlight(articles_fts, 2, char(1), '') AS markedTitle, highlight(articles_fts, 3, char(1), '') AS markedBody
      FROM articles_fts f JOIN ${articles} a ON a.id = f.article_id
      WHERE articles_fts MATCH ${matchExpression} AND f.site_id = ${siteId}
    )`);
  return rankSearchHits(hits, limit);
}
