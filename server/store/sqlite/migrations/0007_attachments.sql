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
CREATE INDEX `attachments_site_key_idx` ON `attachments` (`site_id`,`storage_key`);