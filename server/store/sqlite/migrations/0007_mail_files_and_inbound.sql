CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`uploader_end_user_id` text,
	`uploader_agent_id` text,
	`only_request` integer,
	`request_id` text,
	`comment_id` text,
	`name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`storage_key` text NOT NULL,
	`created_at` text NOT NULL,
	`claimed_at` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploader_end_user_id`) REFERENCES `end_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploader_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachments_request_idx` ON `attachments` (`request_id`);--> statement-breakpoint
CREATE INDEX `attachments_unclaimed_idx` ON `attachments` (`claimed_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `attachments_site_key_idx` ON `attachments` (`site_id`,`storage_key`);--> statement-breakpoint
CREATE TABLE `blocked_senders` (
	`site_id` text NOT NULL,
	`pattern` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`site_id`, `pattern`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbound_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`allow_other_senders` integer DEFAULT false NOT NULL,
	`address` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_settings_address_unique` ON `inbound_settings` (`address`);--> statement-breakpoint
CREATE TABLE `reply_addresses` (
	`key` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`request_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`end_user_id`) REFERENCES `end_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reply_addresses_request_user_idx` ON `reply_addresses` (`request_id`,`end_user_id`);--> statement-breakpoint
CREATE TABLE `site_mail_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`from_address` text,
	`dkim_domain` text,
	`dkim_selector` text,
	`dkim_private_key` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `comments` ADD `sent_from` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `to_end_user_id` text REFERENCES end_users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `channel` text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `follow_up_of` text REFERENCES requests(id) ON DELETE SET NULL;