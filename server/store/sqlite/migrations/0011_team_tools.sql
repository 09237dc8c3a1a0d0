CREATE TABLE `request_presence` (
	`request_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`seen_at` text NOT NULL,
	PRIMARY KEY(`request_id`, `agent_id`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_tags` (
	`request_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`request_id`, `tag`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `request_tags_tag_idx` ON `request_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `saved_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_replies_site_title_idx` ON `saved_replies` (`site_id`,`title`);--> statement-breakpoint
ALTER TABLE `requests` ADD `assignee_agent_id` text REFERENCES `agents`(`id`) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `requests_site_assignee_idx` ON `requests` (`site_id`,`assignee_agent_id`,`status`);