CREATE TABLE `request_ratings` (
	`request_id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`score` text NOT NULL,
	`comment` text,
	`rated_by_end_user_id` text NOT NULL,
	`rated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by_end_user_id`) REFERENCES `end_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_ratings_site_time_idx` ON `request_ratings` (`site_id`,`rated_at`);