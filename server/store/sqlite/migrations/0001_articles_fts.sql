-- Full-text index over articles (FTS5). Kept in step with `articles` by the articles repository,
-- in the same transaction as each write. `article_id` is stored but not indexed; ranking weighs
-- titles above bodies (see searchArticles).
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
  `article_id` UNINDEXED,
  `site_id` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
