/** Suggested articles for a host page, article search, and reading one article — each in the visitor's language where it has one. */
import type { Locale, SiteRow } from '../store/rows.js';
import type { ArticleListRow, LocaleChoice, Store } from '../store/types.js';
import { words } from '../store/rules/search-words.js';
import type { Article } from '../contract/types.js';
import { notFound } from '../errors.js';

/** The visitor's language (none said: the site's own), with the site's default filling in for untranslated articles. */
export const localeChoice = (site: SiteRow, wanted: Locale | undefined): LocaleChoice => ({ wanted: wanted ?? site.locale, fallback: site.locale });

/**
 * Suggestions for the page at `pageUrl` (origin + path; anything after is ignored even if sent).
 * Pages no rule mentions get the site's most popular articles, so the panel is never empty.
 */
export async function suggestArticles(
  store: Store,
  site: SiteRow,
  pageUrl: string | undefined,
  choice: LocaleChoice,
  limit: number,
): Promise<ArticleListRow[]> {
  const page = parsePage(pageUrl);
  const matched = page ? await store.articles.forPage(site.id, page.origin, page.path, choice, limit) : [];
  return matched.length ? matched : store.articles.popular(site.id, choice, limit);
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
export async function findArticles(store: Store, site: SiteRow, query: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]> {
  const searched = words(query);
  return searched.length ? store.articles.search(site.id, searched, choice, limit) : [];
}

/**
 * One article by id — in `wanted` instead when it has that translation, so a link shared in one language
 * opens in the reader's (the Help Center's article pages, the widget's article view).
 */
export async function findArticleIn(store: Store, site: SiteRow, id: string, wanted: Locale | undefined) {
  const article = await store.articles.find(site.id, id);
  if (!article || !wanted || article.locale === wanted) return article;
  return (await store.articles.translation(site.id, article.slug, wanted)) ?? article;
}

export async function readArticle(store: Store, site: SiteRow, id: string, wanted: Locale | undefined): Promise<Article> {
  const article = await findArticleIn(store, site, id, wanted);
  if (!article) throw notFound('That article');
  return { id: article.id, title: article.title, html: article.html, updatedAt: article.updatedAt, locale: article.locale };
}
