CREATE TABLE "blocked_senders" (
	"site_id" text NOT NULL,
	"pattern" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "blocked_senders_site_id_pattern_pk" PRIMARY KEY("site_id","pattern")
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
ALTER TABLE "comments" ADD COLUMN "sent_from" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "to_end_user_id" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "channel" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "follow_up_of" text;--> statement-breakpoint
ALTER TABLE "blocked_senders" ADD CONSTRAINT "blocked_senders_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_settings" ADD CONSTRAINT "inbound_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_end_user_id_end_users_id_fk" FOREIGN KEY ("end_user_id") REFERENCES "public"."end_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reply_addresses_request_user_idx" ON "reply_addresses" USING btree ("request_id","end_user_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_to_end_user_id_end_users_id_fk" FOREIGN KEY ("to_end_user_id") REFERENCES "public"."end_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_follow_up_of_requests_id_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;