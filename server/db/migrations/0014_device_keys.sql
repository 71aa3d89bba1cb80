CREATE TABLE "device_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"session_id" text,
	"key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "device_keys_revoked_reason_known" CHECK ("device_keys"."revoked_reason" is null or "device_keys"."revoked_reason" in ('signed-out-everywhere', 'session-ended-from-list', 'password-changed', 'support', 'not-seen')),
	CONSTRAINT "device_keys_revoked_together" CHECK (("device_keys"."revoked_at" is null) = ("device_keys"."revoked_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "device_keys" ADD CONSTRAINT "device_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_keys_user_idx" ON "device_keys" USING btree ("user_id");