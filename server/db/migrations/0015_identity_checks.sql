CREATE TABLE "identity_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" text NOT NULL,
	"document" text NOT NULL,
	"reason" text NOT NULL,
	"channel" text NOT NULL,
	"contact" text NOT NULL,
	"remove_second_step" boolean NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_checks_kind_known" CHECK ("identity_checks"."kind" in ('in-person', 'video')),
	CONSTRAINT "identity_checks_channel_known" CHECK ("identity_checks"."channel" in ('email', 'sms')),
	CONSTRAINT "identity_checks_status_known" CHECK ("identity_checks"."status" in ('pending', 'approved', 'declined')),
	CONSTRAINT "identity_checks_two_people" CHECK ("identity_checks"."decided_by" is distinct from "identity_checks"."requested_by")
);
--> statement-breakpoint
ALTER TABLE "identity_checks" ADD CONSTRAINT "identity_checks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_checks" ADD CONSTRAINT "identity_checks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_checks" ADD CONSTRAINT "identity_checks_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_checks_status_idx" ON "identity_checks" USING btree ("status","created_at");