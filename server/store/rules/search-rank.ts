/**
 * The article search's one ranking, computed here rather than by either engine, so the same matches
 * come back in the same order on both: FTS5's bm25 and PostgreSQL's ts_rank weigh the same words
 * differently (bm25 knows how rare a word is across the site, ts_rank does not), and no setting of
 * one reproduces the other. Each adapter counts, for every matching article, how many of its title
 * and body words match a searched word (a word matching two searched words counts once), and the
 * lengths of both texts; this file orders them.
 *
 * - An article in the visitor's language ranks above every article in the fallback language
 *   (rules/article-locales.ts), then an article with a title hit above every one with body hits only.
 * - Then by score: 10 × the title's share plus the body's, each BM25's saturating term frequency
 *   tf·(k1+1) / (tf + k1·(1 − b + b·length/typical length)) with k1 = 1.2, b = 0.75 — a word's
 *   tenth mention counts for less than its first, and a hit in a short text for more than in a long
 *   one. The typical lengths are constants, not the site's averages, so adding an article never
 *   reorders the others.
 * - Ties: by title, then id, in code-unit order (not either database's collation).
 */
import type { ArticleListRow } from '../types.js';
import type { Locale } from '../rows.js';

/** A matching article as an adapter found it: hits are matching words, lengths are in characters. */
export interface SearchHit extends ArticleListRow {
  titleHits: number;
  bodyHits: number;
  titleLength: number;
  bodyLength: number;
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 10;
const TYPICAL_TITLE = 40;
const TYPICAL_BODY = 2000;

const saturated = (hits: number, length: number, typical: number) => (hits * (K1 + 1)) / (hits + K1 * (1 - B + (B * length) / typical));

const score = (hit: SearchHit) =>
  TITLE_WEIGHT * saturated(hit.titleHits, hit.titleLength, TYPICAL_TITLE) + saturated(hit.bodyHits, hit.bodyLength, TYPICAL_BODY);

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function rankSearchHits(hits: SearchHit[], wanted: Locale, limit: number): ArticleListRow[] {
  return hits
    .map((hit) => ({ hit, wanted: hit.locale === wanted, inTitle: hit.titleHits > 0, score: score(hit) }))
    .sort(
      (a, b) =>
        Number(b.wanted) - Number(a.wanted) ||
        Number(b.inTitle) - Number(a.inTitle) ||
        b.score - a.score ||
        byCodeUnits(a.hit.title, b.hit.title) ||
        byCodeUnits(a.hit.id, b.hit.id),
    )
    .slice(0, limit)
    .map(({ hit }) => ({ id: hit.id, title: hit.title, excerpt: hit.excerpt, locale: hit.locale }));
}
