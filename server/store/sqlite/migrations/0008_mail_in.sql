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
ALTER TABLE `comments` ADD `sent_from` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `to_end_user_id` text REFERENCES end_users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `channel` text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `follow_up_of` text REFERENCES requests(id) ON DELETE SET NULL;