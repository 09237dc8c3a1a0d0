/** Suggested articles for a host page, article search, and reading one article. */
import type { Db } from '../store/sqlite/client.js';
import { articlesForPage, findArticle, popularArticles, searchArticles, type ArticleListRow } from '../store/sqlite/articles.js';
import type { SiteRow } from '../store/sqlite/sites.js';
import type { Article } from '../contract/types.js';
import { notFound } from '../errors.js';

/**
 * Suggestions for the page at `pageUrl` (origin + path; anything after is ignored even if sent).
 * Pages no rule mentions get the site's most popular articles, so the panel is never empty.
 */
export async function suggestArticles(db: Db, site: SiteRow, pageUrl: string | undefined, limit: number): Promise<ArticleListRow[]> {
  const page = parsePage(pageUrl);
  const matched = page ? await articlesForPage(db, site.id, page.origin, page.path, limit) : [];
  return matched.length ? matched : popularArticles(db, site.id, limit);
}

function parsePage(pageUrl: string | undefined): { origin: string; path: string } | undefined {
  if (!pageUrl) return undefined;
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // "/billing/" and "/billing" are the same page to a person.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '/';
    return { origin: url.origin, path };
  } catch {
    return undefined;
  }
}

/**
 * Ranked search with prefix matching ("refu" finds "refunds"). The visitor's words are reduced to
 * letters and digits and each is quoted, so no input can form FTS5 syntax (and fail as a 500).
 */
export async function findArticles(db: Db, site: SiteRow, query: string, limit: number): Promise<ArticleListRow[]> {
  const words =
    query
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  if (!words.length) return [];
  return searchArticles(db, site.id, words.map((word) => `"${word}"*`).join(' '), limit);
}

export async function readArticle(db: Db, site: SiteRow, id: string): Promise<Article> {
  const article = await findArticle(db, site.id, id);
  if (!article) throw notFound('That article');
  return { id: article.id, title: article.title, html: article.html, updatedAt: article.updatedAt };
}
