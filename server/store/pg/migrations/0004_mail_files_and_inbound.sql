CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"uploader_end_user_id" text,
	"uploader_agent_id" text,
	"only_request" integer,
	"request_id" text,
	"comment_id" text,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"claimed_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "blocked_senders" (
	"site_id" text NOT NULL,
	"pattern" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "blocked_senders_site_id_pattern_pk" PRIMARY KEY("site_id","pattern")
);
--> statement-breakpoint
CREATE TABLE "file_chunks" (
	"site_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "file_chunks_site_id_storage_key_seq_pk" PRIMARY KEY("site_id","storage_key","seq")
);
--> statement-breakpoint
CREATE TABLE "inbound_settings" (
	"site_id" text PRIMARY KEY NOT NULL,
	"allow_other_senders" boolean DEFAULT false NOT NULL,
	"address" text,
	CONSTRAINT "inbound_settings_address_unique" UNIQUE("address")
);
--> statement-breakpoint
CREATE TABLE "reply_addresses" (
	"key" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"request_id" text NOT NULL,
	"end_user_id" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_mail_settings" (
	"site_id" text PRIMARY KEY NOT NULL,
	"from_address" text,
	"dkim_domain" text,
	"dkim_selector" text,
	"dkim_private_key" text
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "sent_from" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "to_end_user_id" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "channel" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "follow_up_of" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_end_user_id_end_users_id_fk" FOREIGN KEY ("uploader_end_user_id") REFERENCES "public"."end_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_agent_id_agents_id_fk" FOREIGN KEY ("uploader_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocked_senders" ADD CONSTRAINT "blocked_senders_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_settings" ADD CONSTRAINT "inbound_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_end_user_id_end_users_id_fk" FOREIGN KEY ("end_user_id") REFERENCES "public"."end_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_mail_settings" ADD CONSTRAINT "site_mail_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_request_idx" ON "attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "attachments_unclaimed_idx" ON "attachments" USING btree ("claimed_at","created_at");--> statement-breakpoint
CREATE INDEX "attachments_site_key_idx" ON "attachments" USING btree ("site_id","storage_key");--> statement-breakpoint
CREATE INDEX "file_chunks_first_created_idx" ON "file_chunks" USING btree ("created_at") WHERE "file_chunks"."seq" = 0;--> statement-breakpoint
CREATE UNIQUE INDEX "reply_addresses_request_user_idx" ON "reply_addresses" USING btree ("request_id","end_user_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_to_end_user_id_end_users_id_fk" FOREIGN KEY ("to_end_user_id") REFERENCES "public"."end_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_follow_up_of_requests_id_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;