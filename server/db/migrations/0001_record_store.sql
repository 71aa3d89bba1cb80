CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"name" text,
	"birth_date" text,
	"version" bigint DEFAULT 0 NOT NULL,
	"source_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"identifier_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid,
	"resource_type" text NOT NULL,
	"resource" jsonb NOT NULL,
	"source_key" text NOT NULL,
	"identifier_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"effective_at" timestamp with time zone,
	"status" text,
	"code_system" text,
	"code" text,
	"category" text,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_source_key_unique" UNIQUE NULLS NOT DISTINCT("patient_id","resource_type","source_key"),
	CONSTRAINT "resources_type_matches" CHECK ("resources"."resource"->>'resourceType' = "resources"."resource_type"),
	CONSTRAINT "resources_id_matches" CHECK ("resources"."resource"->>'id' = "resources"."id"::text)
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_account_id_users_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patients_source_keys_idx" ON "patients" USING gin ("source_keys");--> statement-breakpoint
CREATE INDEX "patients_identifier_keys_idx" ON "patients" USING gin ("identifier_keys");--> statement-breakpoint
CREATE INDEX "resources_patient_version_idx" ON "resources" USING btree ("patient_id","version");--> statement-breakpoint
CREATE INDEX "resources_patient_type_date_idx" ON "resources" USING btree ("patient_id","resource_type","effective_at");--> statement-breakpoint
CREATE INDEX "resources_patient_code_idx" ON "resources" USING btree ("patient_id","code_system","code");--> statement-breakpoint
CREATE INDEX "audit_patient_idx" ON "audit_events" USING btree ("patient_id","at");