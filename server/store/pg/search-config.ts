/**
 * PostgreSQL's half of the article search policy (rules/search-words.ts): the text search
 * configuration migration 0001_search_policy.sql creates, the document the `search` column is
 * generated from, the query that matches it, and the hit counts rules/search-rank.ts ranks by.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import { LOCALES, type Locale } from '../../../widget/i18n/locales.js';
import { isStemmed } from '../rules/search-words.js';

/** unaccent, then the Snowball English stemmer without stop words (migration 0001_search_policy.sql). */
const STEMMED_CONFIG = 'porthole_english';
/** unaccent and nothing else: the other languages are not stemmed (migration 0006_article_locales.sql). */
const UNSTEMMED_CONFIG = 'porthole_unstemmed';

/** The text search config of a language's articles, and of the query words matched against them. */
export const searchConfigOf = (locale: Locale) => (isStemmed(locale) ? STEMMED_CONFIG : UNSTEMMED_CONFIG);

// PostgreSQL's parser keeps "e-gift", "support@example.com", "1.5" and URLs whole as one token each,
// where SQLite's unicode61 (and words()) see separate words: ASCII punctuation becomes a space first.
// The config is named as a literal, so PostgreSQL binds it at CREATE time and the expression stays immutable.
const document = (config: string, column: string, weight: 'A' | 'B') =>
  `setweight(to_tsvector('${config}', regexp_replace("${column}", '[[:punct:]]+', ' ', 'g')), '${weight}')`;
const documentIn = (config: string) => `${document(config, 'title', 'A')} || ${document(config, 'markdown', 'B')}`;

/**
 * Title words are marked A, body words B, so matchingWords can count each apart; English articles are
 * stemmed, the others not (rules/search-words.ts isStemmed), chosen per row by its locale.
 */
const stemmedLocales = LOCALES.filter(isStemmed)
  .map((locale) => `'${locale}'`)
  .join(', ');
export const searchDocument: SQL = sql.raw(
  `CASE WHEN "locale" IN (${stemmedLocales}) THEN ${documentIn(STEMMED_CONFIG)} ELSE ${documentIn(UNSTEMMED_CONFIG)} END`,
);

/**
 * Every word must match as a prefix: `'w1':* & 'w2':*`, stemmed and unaccented by the same config
 * as the document. Each word is quoted as a tsquery string — quotes and backslashes escaped — and
 * bound as a parameter, so no text can form tsquery operators.
 */
export const searchQuery = (locale: Locale, words: string[]): SQL => sql`to_tsquery(${searchConfigOf(locale)}::regconfig, ${words.map(asPrefix).join(' & ')})`;

const asPrefix = (word: string) => `'${word.replace(/['\\]/g, (char) => `\\${char}`)}':*`;

/** The searched words as the document has them: stemmed and unaccented by the same config, as to_tsquery stems them. */
export const searchStems = (locale: Locale, words: string[]): SQL<string[]> =>
  sql`tsvector_to_array(to_tsvector(${searchConfigOf(locale)}::regconfig, ${words.join(' ')}))`;

/**
 * How many of the document's title (weight A) and body (B) words start with one of `stems`, each
 * position once — what FTS5's highlight() marks on SQLite — in one pass over the document.
 */
export const matchingWords = (search: SQL | Column, stems: string[]): SQL<{ title: number; body: number }> => sql`(
  SELECT json_build_object('title', count(*) FILTER (WHERE p.weight = 'A'), 'body', count(*) FILTER (WHERE p.weight = 'B'))
  FROM unnest(${search}) AS l(lexeme, positions, weights), unnest(l.positions, l.weights) AS p(position, weight)
  WHERE l.lexeme ^@ ANY (${sql.param(stems)}::text[]))`;
