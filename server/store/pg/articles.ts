/**
 * Help-centre articles on PostgreSQL: storage, page-rule suggestions and full-text search over the
 * generated `search` column (schema.ts), which PostgreSQL keeps in step with each write itself.
 */
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { ArticleRow, Locale } from '../rows.js';
import type { ArticleListRow, LocaleChoice } from '../types.js';
import { readableIn, wantedFirst } from '../rules/article-locales.js';
import type { PgSession } from './client.js';
import { articlePageRules, articles } from './schema.js';
import { matchingWords, searchQuery, searchStems } from './search-config.js';
import { rankSearchHits } from '../rules/search-rank.js';

// An article as the port knows it: everything but the search document, which is PostgreSQL's own.
const { search: _search, ...articleColumns } = getTableColumns(articles);
export { articleColumns };
const listed = { id: articles.id, title: articles.title, excerpt: articles.excerpt, locale: articles.locale };

export async function find(tx: PgSession, siteId: string, id: string): Promise<ArticleRow | undefined> {
  const [article] = await tx
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, id)));
  return article;
}

export async function translation(tx: PgSession, siteId: string, slug: string, locale: Locale): Promise<ArticleRow | undefined> {
  const [article] = await tx
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.slug, slug), eq(articles.locale, locale)));
  return article;
}

/**
 * Articles whose page rules match this page, most specific rule first. A rule's path prefix matches
 * the path itself and anything below it at a segment boundary; the prefix "/" matches the home page only.
 */
export const forPage = (tx: PgSession, siteId: string, origin: string, path: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> =>
  tx
    .select(listed)
    .from(articlePageRules)
    .innerJoin(articles, eq(articles.id, articlePageRules.articleId))
    .where(
      and(
        eq(articlePageRules.siteId, siteId),
        readableIn(articles, choice),
        sql`(${articlePageRules.origin} IS NULL OR ${articlePageRules.origin} = ${origin})`,
        sql`(${articlePageRules.pathPrefix} = ${path} OR (${articlePageRules.pathPrefix} <> '/'
             AND substr(${path}::text, 1, length(${articlePageRules.pathPrefix}) + 1) = ${articlePageRules.pathPrefix} || '/'))`,
      ),
    )
    .groupBy(articles.id)
    .orderBy(wantedFirst(articles, choice), sql`max(length(${articlePageRules.pathPrefix})) DESC`, desc(articles.popularity), articles.title)
    .limit(limit);

export const popular = (tx: PgSession, siteId: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> =>
  tx
    .select(listed)
    .from(articles)
    .where(and(eq(articles.siteId, siteId), readableIn(articles, choice)))
    .orderBy(wantedFirst(articles, choice), desc(articles.popularity), articles.title)
    .limit(limit);

/** Matches by the config and query of search-config.ts — each of the choice's languages by its own — ordered by rules/search-rank.ts. */
export async function search(tx: PgSession, siteId: string, words: string[], choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> {
  if (!words.length) return [];
  const hits = [];
  for (const locale of new Set([choice.wanted, choice.fallback])) {
    // Stemmed once, not once per article: the counts compare every word of every match with them.
    const [{ stems }] = (await tx.execute<{ stems: string[] }>(sql`SELECT ${searchStems(locale, words)} AS stems`)).rows as [{ stems: string[] }];
    const found = await tx
      .select({
        ...listed,
        titleLength: sql<number>`length(${articles.title})::int`,
        bodyLength: sql<number>`length(${articles.markdown})::int`,
        hits: matchingWords(articles.search, stems),
      })
      .from(articles)
      .where(
        and(eq(articles.siteId, siteId), eq(articles.locale, locale), readableIn(articles, choice), sql`${articles.search} @@ ${searchQuery(locale, words)}`),
      );
    hits.push(...found.map(({ hits, ...row }) => ({ ...row, titleHits: hits.title, bodyHits: hits.body })));
  }
  return rankSearchHits(hits, choice.wanted, limit);
}
