CREATE TABLE "sync_floors" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"floor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"user_id" uuid NOT NULL,
	"mutation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"args_digest" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_mutations_user_id_mutation_id_pk" PRIMARY KEY("user_id","mutation_id"),
	CONSTRAINT "sync_mutations_status_known" CHECK ("sync_mutations"."status" in ('applied', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "sync_floors" ADD CONSTRAINT "sync_floors_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;