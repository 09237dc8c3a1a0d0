/**
 * The article search policy, for both engines. Written down once, here; where each engine does it:
 *   SQLite      sqlite/migrations/0001_articles_fts.sql (the FTS5 tokenizer), sqlite/articles.ts (match, hit counts)
 *   PostgreSQL  pg/migrations/0001_search_policy.sql (the text search config), pg/search-config.ts (document, match, hit counts)
 *   Ranking     rules/search-rank.ts, the same code on both
 * test/store/contract/search.ts holds both to it: the demo articles and a list of real queries give
 * the same articles in the same order on either engine, or the test names why not.
 *
 * The query (this file): a word is a run of Unicode letters and digits (`\p{L}`, `\p{N}`); everything
 * else — spaces, punctuation, symbols, quotes, FTS5 or tsquery operators — only separates words, so
 * no input can form query syntax (and fail as a 500). Words are lower-cased (Unicode-aware); at most
 * MAX_WORDS count. Every word must match (AND), each as a prefix of a word of the article.
 *
 * The index, and each query word on its way in, the same on both engines:
 * - Words: runs of letters and digits, as above. SQLite's unicode61 splits there by itself;
 *   PostgreSQL's parser would keep "e-gift", "1.5", emails and URLs whole, so the document's ASCII
 *   punctuation becomes spaces first.
 * - Case and accents folded: "Café" is "cafe" (remove_diacritics 2; unaccent).
 * - No stop words: "the", "how", "a" are words like any other (FTS5 has none; the PostgreSQL
 *   dictionary is made without the english stop list, which would drop them from index and query).
 * - Per article language (`isStemmed`): English articles are stemmed in English, on title and body
 *   alike, and on the query word before it is used as a prefix: "refunds", "shipping", "passwords"
 *   find "refund", "ship", "password". Every other language (German, French, Spanish, Arabic) is
 *   not stemmed at all, on either engine: FTS5's porter is English only, and an English stemmer on
 *   German cuts words wrongly ("versand" is not "versand-s"); prefix matching still finds
 *   "rechnung" from "rech", and accents are still folded. Each engine keeps two indexes of one
 *   shape — SQLite two FTS5 tables (articles_fts, articles_fts_unstemmed), PostgreSQL two text
 *   search configs chosen per row by the article's locale — and a query is stemmed by the config
 *   of the articles it is matched against.
 *
 * Known differences, kept rather than hidden (the contract's search corpus lists each one):
 * - The stemmers are not the same algorithm: FTS5's porter is Porter (1980), PostgreSQL's snowball
 *   english is Porter2. Porter2 keeps the s of a plural with no vowel before it ("pdfs" stays pdfs,
 *   Porter makes pdf), has invariant exceptions ("news" stays news, Porter makes new; "dying" is
 *   die, Porter dy) and stems "-ies" to "ie" ("ties": tie, Porter ti — which prefixes "time").
 *   So such a word finds different articles on each engine.
 * - unaccent also unfolds ligatures and ß ("æ" is "ae", "straße" is "strasse"); unicode61 keeps them.
 * - PostgreSQL folds non-ASCII case by the database's locale: use a UTF-8 one (initdb's usual
 *   default; the test cluster's C.UTF-8). A tsvector keeps at most 256 positions of one word and
 *   none past 16,383: beyond that, hit counts (so ranking, never matching) differ.
 */
import type { Locale } from '../rows.js';

export const MAX_WORDS = 8;

/** Whether a language's articles (and the query words matched against them) are stemmed: English only, on both engines. */
export const isStemmed = (locale: Locale): boolean => locale === 'en';

export function words(query: string): string[] {
  return (
    query
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, MAX_WORDS) ?? []
  );
}
