/** Suggested articles for a host page, article search, and reading one article. */
import type { SiteRow } from '../store/rows.js';
import type { ArticleListRow, Store } from '../store/types.js';
import { words } from '../store/rules/search-words.js';
import type { Article } from '../contract/types.js';
import { notFound } from '../errors.js';

/**
 * Suggestions for the page at `pageUrl` (origin + path; anything after is ignored even if sent).
 * Pages no rule mentions get the site's most popular articles, so the panel is never empty.
 */
export async function suggestArticles(store: Store, site: SiteRow, pageUrl: string | undefined, limit: number): Promise<ArticleListRow[]> {
  const page = parsePage(pageUrl);
  const matched = page ? await store.articles.forPage(site.id, page.origin, page.path, limit) : [];
  return matched.length ? matched : store.articles.popular(site.id, limit);
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

/** Ranked search with prefix matching ("refu" finds "refunds"), by the word policy of rules/search-words.ts. */
export async function findArticles(store: Store, site: SiteRow, query: string, limit: number): Promise<ArticleListRow[]> {
  const searched = words(query);
  return searched.length ? store.articles.search(site.id, searched, limit) : [];
}

export async function readArticle(store: Store, site: SiteRow, id: string): Promise<Article> {
  const article = await store.articles.find(site.id, id);
  if (!article) throw notFound('That article');
  return { id: article.id, title: article.title, html: article.html, updatedAt: article.updatedAt, locale: 'en' }; // TEMPORARY (issue 13): articles get a locale
}
