/**
 * Help-centre articles: storage, page-rule suggestions and FTS5 search. The FTS index is written in
 * the same transaction as the article, so search never sees an article that is not there.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { articlePageRules, articles } from './schema.js';
import { preparedOnce } from './prepared.js';
import type { ArticleRow, Locale } from '../rows.js';
import type { ArticleListRow, LocaleChoice } from '../types.js';
import { rankSearchHits, type SearchHit } from '../rules/search-rank.js';
import { readableIn, wantedFirst } from '../rules/article-locales.js';
import { isStemmed } from '../rules/search-words.js';

const listed = { id: articles.id, title: articles.title, excerpt: articles.excerpt, locale: articles.locale };

/** The FTS5 table holding a language's articles (migrations 0001 and 0009): stemmed in English, or not at all. */
export const ftsTableOf = (locale: Locale) => sql.raw(isStemmed(locale) ? 'articles_fts' : 'articles_fts_unstemmed');

export async function findArticle(db: Db, siteId: string, id: string): Promise<ArticleRow | undefined> {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, id)))
    .get();
}

export async function findTranslation(db: Db, siteId: string, slug: string, locale: Locale): Promise<ArticleRow | undefined> {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.slug, slug), eq(articles.locale, locale)))
    .get();
}

/**
 * Articles whose page rules match this page, most specific rule first. A rule's path prefix matches
 * the path itself and anything below it at a segment boundary; the prefix "/" matches the home page only.
 */
export async function articlesForPage(db: Db, siteId: string, origin: string, path: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> {
  // Every widget opening asks this: prepared once (see prepared.ts).
  const p = sql.placeholder;
  const bound = { wanted: p('wanted'), fallback: p('fallback') };
  const statement = preparedOnce(db, 'articles-for-page', () =>
    db
      .select(listed)
      .from(articlePageRules)
      .innerJoin(articles, eq(articles.id, articlePageRules.articleId))
      .where(
        and(
          eq(articlePageRules.siteId, p('siteId')),
          readableIn(articles, bound),
          sql`(${articlePageRules.origin} IS NULL OR ${articlePageRules.origin} = ${p('origin')})`,
          sql`(${articlePageRules.pathPrefix} = ${p('path')} OR (${articlePageRules.pathPrefix} <> '/'
               AND substr(${p('path')}, 1, length(${articlePageRules.pathPrefix}) + 1) = ${articlePageRules.pathPrefix} || '/'))`,
        ),
      )
      .groupBy(articles.id)
      .orderBy(wantedFirst(articles, bound), sql`max(length(${articlePageRules.pathPrefix})) DESC`, desc(articles.popularity), articles.title)
      .limit(p('limit'))
      .prepare(),
  );
  return statement.all({ siteId, origin, path, limit, ...choice });
}

export async function popularArticles(db: Db, siteId: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> {
  return db
    .select(listed)
    .from(articles)
    .where(and(eq(articles.siteId, siteId), readableIn(articles, choice)))
    .orderBy(wantedFirst(articles, choice), desc(articles.popularity), articles.title)
    .limit(limit)
    .all();
}

/**
 * Full-text search for `words` (rules/search-words.ts): each quoted, so no word can be FTS5 syntax,
 * and a prefix (`"refu"*`); all required. FTS5 finds the matches — in each of the choice's languages,
 * in that language's table — and rules/search-rank.ts orders them, from the words each title and body
 * has that match: highlight() marks every one with \x01.
 */
export async function searchArticles(db: Db, siteId: string, words: string[], choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> {
  if (!words.length) return [];
  const matchExpression = words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
  const locales = [...new Set([choice.wanted, choice.fallback])];
  const hits = locales.flatMap((locale) => {
    const fts = ftsTableOf(locale);
    return db.all<SearchHit>(sql`
    SELECT id, title, excerpt, locale, titleLength, bodyLength,
      length(markedTitle) - length(replace(markedTitle, char(1), '')) AS titleHits,
      length(markedBody) - length(replace(markedBody, char(1), '')) AS bodyHits
    FROM (
      SELECT ${articles.id} AS id, ${articles.title} AS title, ${articles.excerpt} AS excerpt, ${articles.locale} AS locale,
        length(${articles.title}) AS titleLength, length(${articles.markdown}) AS bodyLength,
        highlight(${fts}, 2, char(1), '') AS markedTitle, highlight(${fts}, 3, char(1), '') AS markedBody
      FROM ${fts} JOIN ${articles} ON ${articles.id} = ${fts}.article_id
      WHERE ${fts} MATCH ${matchExpression} AND ${fts}.site_id = ${siteId}
        AND ${articles.locale} = ${locale} AND ${readableIn(articles, choice)}
    )`);
  });
  return rankSearchHits(hits, choice.wanted, limit);
}
