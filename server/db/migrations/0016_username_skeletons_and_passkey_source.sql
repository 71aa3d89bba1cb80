ALTER TABLE "users" ADD COLUMN "username_skeleton" text;--> statement-breakpoint
ALTER TABLE "passkey_challenges" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "passkey_challenges_source_idx" ON "passkey_challenges" USING btree ("source");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_username_skeleton_unique" UNIQUE("username_skeleton");