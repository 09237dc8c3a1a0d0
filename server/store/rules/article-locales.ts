/**
 * Which of a site's articles a visitor reads, for both engines: the same article exists once per
 * locale under one slug (its key), and a visitor sees each article once — in their language when it
 * has that translation, else in the site's default language. Articles in neither are not shown.
 * Their own language comes first in every list (suggestions, popular, search).
 *
 * The builder takes drizzle's base `Column` types, so it renders on either dialect; the subquery
 * names the articles table by name, so the outer query must not alias it.
 */
import { sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import type { Locale } from '../rows.js';

/** The visitor's language and the site's default, which fills in for articles with no translation. */
export interface LocaleChoice<Value = Locale> {
  wanted: Value;
  fallback: Value;
}

/** A choice as SQL binds it: each value may be a placeholder (SQLite's prepared shapes) or the locale itself. */
type BoundChoice = LocaleChoice<Locale | Placeholder>;

export interface ArticleLocaleColumns {
  siteId: Column;
  slug: Column;
  locale: Column;
}

/** True for the articles the choice shows: in `wanted`, or in `fallback` with no `wanted` translation. */
export const readableIn = (columns: ArticleLocaleColumns, choice: BoundChoice): SQL => sql`(${columns.locale} = ${choice.wanted}
  OR (${columns.locale} = ${choice.fallback} AND NOT EXISTS (
    SELECT 1 FROM articles AS translated
    WHERE translated.site_id = ${columns.siteId} AND translated.slug = ${columns.slug} AND translated.locale = ${choice.wanted})))`;

/** Orders the visitor's own language first (use it before the list's own order). */
export const wantedFirst = (columns: ArticleLocaleColumns, choice: BoundChoice): SQL => sql`CASE WHEN ${columns.locale} = ${choice.wanted} THEN 0 ELSE 1 END`;
