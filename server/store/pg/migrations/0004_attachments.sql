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
CREATE TABLE "file_chunks" (
	"site_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "file_chunks_site_id_storage_key_seq_pk" PRIMARY KEY("site_id","storage_key","seq")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_end_user_id_end_users_id_fk" FOREIGN KEY ("uploader_end_user_id") REFERENCES "public"."end_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_agent_id_agents_id_fk" FOREIGN KEY ("uploader_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_request_idx" ON "attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "attachments_unclaimed_idx" ON "attachments" USING btree ("claimed_at","created_at");--> statement-breakpoint
CREATE INDEX "attachments_site_key_idx" ON "attachments" USING btree ("site_id","storage_key");--> statement-breakpoint
CREATE INDEX "file_chunks_first_created_idx" ON "file_chunks" USING btree ("created_at") WHERE "file_chunks"."seq" = 0;