DROP INDEX `outbox_recipient_idx`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `to_mailbox` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `digest_hour` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `digest` text;--> statement-breakpoint
CREATE INDEX `outbox_mailbox_idx` ON `outbox` (`site_id`,`to_mailbox`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_digest_idx` ON `outbox` (`site_id`,`to_mailbox`,`digest_hour`);