CREATE TABLE "site_mail_settings" (
	"site_id" text PRIMARY KEY NOT NULL,
	"from_address" text,
	"dkim_domain" text,
	"dkim_selector" text,
	"dkim_private_key" text
);
--> statement-breakpoint
ALTER TABLE "site_mail_settings" ADD CONSTRAINT "site_mail_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;