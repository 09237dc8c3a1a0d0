DROP INDEX `articles_site_slug_idx`;--> statement-breakpoint
ALTER TABLE `articles` ADD `locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `articles_site_slug_locale_idx` ON `articles` (`site_id`,`slug`,`locale`);--> statement-breakpoint
ALTER TABLE `end_users` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `theme` text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
-- Hand-written (issue 13): articles in languages that are not stemmed (server/store/rules/search-words.ts isStemmed)
-- are indexed here, without porter; English ones stay in articles_fts. Same columns as articles_fts (0001).
CREATE VIRTUAL TABLE `articles_fts_unstemmed` USING fts5(
  `article_id` UNINDEXED,
  `site_id` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
