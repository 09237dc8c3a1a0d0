DROP INDEX `outbox_recipient_idx`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `to_mailbox` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `digest_hour` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `digest` text;--> statement-breakpoint
CREATE INDEX `outbox_mailbox_idx` ON `outbox` (`site_id`,`to_mailbox`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_digest_idx` ON `outbox` (`site_id`,`to_mailbox`,`digest_hour`);--> statement-breakpoint
ALTER TABLE `agent_api_tokens` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `agent_api_tokens` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `agents` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `sender_verified_at` text;--> statement-breakpoint
-- Backfill: a member's request was sent signed in, so its sender is verified (as of its creation);
-- earlier anonymous requests stay unverified until someone opens a link mailed for them.
UPDATE `requests` SET `sender_verified_at` = `created_at` WHERE `requester_id` IN (SELECT `id` FROM `end_users` WHERE `external_id` IS NOT NULL);--> statement-breakpoint
-- Backfill: tokens made before they could expire get the default 90 days from now, not forever.
UPDATE `agent_api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE `expires_at` IS NULL;--> statement-breakpoint
-- Backfill: the hourly caps count by mailbox (outbox.ts mailboxOf: lower-case, no +tag, no dots before the @).
UPDATE `outbox` SET `to_mailbox` = lower(replace(CASE WHEN instr(substr(`to_email`, 1, instr(`to_email`, '@') - 1), '+') > 0 THEN substr(`to_email`, 1, instr(`to_email`, '+') - 1) ELSE substr(`to_email`, 1, instr(`to_email`, '@') - 1) END, '.', '') || substr(`to_email`, instr(`to_email`, '@')));
