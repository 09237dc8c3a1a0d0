CREATE TABLE "request_presence" (
	"request_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"seen_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "request_presence_request_id_agent_id_pk" PRIMARY KEY("request_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "request_tags" (
	"request_id" text NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "request_tags_request_id_tag_pk" PRIMARY KEY("request_id","tag")
);
--> statement-breakpoint
CREATE TABLE "saved_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "assignee_agent_id" text;--> statement-breakpoint
ALTER TABLE "request_presence" ADD CONSTRAINT "request_presence_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_presence" ADD CONSTRAINT "request_presence_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_tags" ADD CONSTRAINT "request_tags_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_tags_tag_idx" ON "request_tags" USING btree ("tag");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_replies_site_title_idx" ON "saved_replies" USING btree ("site_id","title");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_assignee_agent_id_agents_id_fk" FOREIGN KEY ("assignee_agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_site_assignee_idx" ON "requests" USING btree ("site_id","assignee_agent_id","status");