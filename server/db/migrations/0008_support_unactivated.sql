ALTER TABLE "identity_verifications" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_verifications" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_verifications_patient_idx" ON "identity_verifications" USING btree ("patient_id","created_at");--> statement-breakpoint
ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_one_subject" CHECK (("identity_verifications"."user_id" is null) <> ("identity_verifications"."patient_id" is null));