CREATE TABLE "sign_in_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"partial_session_id" text NOT NULL,
	"number" smallint NOT NULL,
	"device" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	CONSTRAINT "sign_in_approvals_state_known" CHECK ("sign_in_approvals"."state" in ('pending', 'approved', 'denied')),
	CONSTRAINT "sign_in_approvals_number_range" CHECK ("sign_in_approvals"."number" between 10 and 99)
);
--> statement-breakpoint
ALTER TABLE "sign_in_approvals" ADD CONSTRAINT "sign_in_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_approvals_user_idx" ON "sign_in_approvals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_approvals_partial_idx" ON "sign_in_approvals" USING btree ("partial_session_id");