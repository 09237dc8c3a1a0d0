CREATE TABLE "request_ratings" (
	"request_id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"score" text NOT NULL,
	"comment" text,
	"rated_by_end_user_id" text NOT NULL,
	"rated_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_ratings" ADD CONSTRAINT "request_ratings_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_ratings" ADD CONSTRAINT "request_ratings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_ratings" ADD CONSTRAINT "request_ratings_rated_by_end_user_id_end_users_id_fk" FOREIGN KEY ("rated_by_end_user_id") REFERENCES "public"."end_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_ratings_site_time_idx" ON "request_ratings" USING btree ("site_id","rated_at");