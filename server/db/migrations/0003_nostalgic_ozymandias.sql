ALTER TABLE `agent_api_tokens` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `agent_api_tokens` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `agents` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `sender_verified_at` text;