/**
 * The article search's one tokenizer policy; each adapter turns the words into its engine's query
 * (SQLite: an FTS5 match of quoted prefixes; PostgreSQL: `to_tsquery('simple', 'w1:* & w2:*')`).
 *
 * - A word is a run of Unicode letters and digits (`\p{L}`, `\p{N}`); everything else — spaces,
 *   punctuation, symbols, quotes, FTS or tsquery operators — only separates words, so no input can
 *   form query syntax (and fail as a 500).
 * - Words are lower-cased (Unicode-aware) here; what else counts as "the same word" is the index's
 *   business, and must be the same on both engines.
 * - At most MAX_WORDS words count; the rest are ignored.
 * - Every word must match (AND), each as a prefix of a word in the article ("refu" finds "refunds").
 * - What the SQLite index does today (migration 0001: `porter unicode61 remove_diacritics 2`):
 *   English Porter stemming of indexed words ("shipping" is indexed as "ship"), diacritics folded
 *   ("café" matches "cafe"), no stop words. PostgreSQL's `simple` configuration does none of the
 *   first two and `english` adds stop words, so the PG index needs `unaccent` and a stemming
 *   configuration without stop words to find the same articles (the conformance suite pins it).
 */
export const MAX_WORDS = 8;

export function words(query: string): string[] {
  return (
    query
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, MAX_WORDS) ?? []
  );
}
