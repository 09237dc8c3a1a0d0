/**
 * Help-centre articles on PostgreSQL: storage, page-rule suggestions and full-text search over the
 * generated `search` column (schema.ts), which PostgreSQL keeps in step with each write itself.
 */
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { ArticleRow } from '../rows.js';
import type { ArticleListRow } from '../types.js';
import type { PgSession } from './client.js';
import { articlePageRules, articles } from './schema.js';
import { matchingWords, searchQuery, searchStems } from './search-config.js';
import { rankSearchHits } from '../rules/search-rank.js';

// An article as the port knows it: everything but the search document, which is PostgreSQL's own.
const { search: _search, ...articleColumns } = getTableColumns(articles);
export { articleColumns };
const listed = { id: articles.id, title: articles.title, excerpt: articles.excerpt };

export async function find(tx: PgSession, siteId: string, id: string): Promise<ArticleRow | undefined> {
  const [article] = await tx
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, id)));
  return article;
}

/**
 * Articles whose page rules match this page, most specific rule first. A rule's path prefix matches
 * the path itself and anything below it at a segment boundary; the prefix "/" matches the home page only.
 */
export const forPage = (tx: PgSession, siteId: string, origin: string, path: string, limit: number): Promise<ArticleListRow[]> =>
  tx
    .select(listed)
    .from(articlePageRules)
    .innerJoin(articles, eq(articles.id, articlePageRules.articleId))
    .where(
      and(
        eq(articlePageRules.siteId, siteId),
        sql`(${articlePageRules.origin} IS NULL OR ${articlePageRules.origin} = ${origin})`,
        sql`(${articlePageRules.pathPrefix} = ${path} OR (${articlePageRules.pathPrefix} <> '/'
             AND substr(${path}::text, 1, length(${articlePageRules.pathPrefix}) + 1) = ${articlePageRules.pathPrefix} || '/'))`,
      ),
    )
    .groupBy(articles.id)
    .orderBy(sql`max(length(${articlePageRules.pathPrefix})) DESC`, desc(articles.popularity), articles.title)
    .limit(limit);

export const popular = (tx: PgSession, siteId: string, limit: number): Promise<ArticleListRow[]> =>
  tx.select(listed).from(articles).where(eq(articles.siteId, siteId)).orderBy(desc(articles.popularity), articles.title).limit(limit);

/** Matches by the config and query of search-config.ts, ordered by rules/search-rank.ts. */
export async function search(tx: PgSession, siteId: string, words: string[], limit: number): Promise<ArticleListRow[]> {
  if (!words.length) return [];
  // Stemmed once, not once per article: the counts compare every word of every match with them.
  const [{ stems }] = (await tx.execute<{ stems: string[] }>(sql`SELECT ${searchStems(words)} AS stems`)).rows as [{ stems: string[] }];
  const found = await tx
    .select({
      ...listed,
      titleLength: sql<number>`length(${articles.title})::int`,
      bodyLength: sql<number>`length(${articles.markdown})::int`,
      hits: matchingWords(articles.search, stems),
    })
    .from(articles)
    .where(and(eq(articles.siteId, siteId), sql`${articles.search} @@ ${searchQuery(words)}`));
  return rankSearchHits(
    found.map(({ hits, ...row }) => ({ ...row, titleHits: hits.title, bodyHits: hits.body })),
    limit,
  );
}
