CREATE TABLE `site_mail_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`from_address` text,
	`dkim_domain` text,
	`dkim_selector` text,
	`dkim_private_key` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
