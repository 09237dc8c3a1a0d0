ALTER TABLE `requests` ADD `sender_verified_at` text;--> statement-breakpoint
-- Backfill: a member's request was sent signed in, so its sender is verified (as of its creation);
-- earlier anonymous requests stay unverified until someone opens a link mailed for them.
UPDATE `requests` SET `sender_verified_at` = `created_at` WHERE `requester_id` IN (SELECT `id` FROM `end_users` WHERE `external_id` IS NOT NULL);
