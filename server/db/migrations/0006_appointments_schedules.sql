CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"visit_type" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"replaces_id" uuid,
	"check_in" jsonb,
	"checked_in_at" timestamp with time zone,
	"booked_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "appointments_status_known" CHECK ("appointments"."status" in ('booked', 'cancelled', 'checked-in', 'fulfilled', 'noshow')),
	CONSTRAINT "appointments_visit_type" CHECK ("appointments"."visit_type" in ('in-person', 'video')),
	CONSTRAINT "appointments_order" CHECK ("appointments"."start" < "appointments"."end")
);
--> statement-breakpoint
CREATE TABLE "availability_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"visit_type" text,
	"slot_minutes" integer,
	CONSTRAINT "availability_overrides_kind" CHECK ("availability_overrides"."kind" in ('closed', 'open')),
	CONSTRAINT "availability_overrides_open_complete" CHECK ("availability_overrides"."kind" = 'closed' or ("availability_overrides"."start_time" < "availability_overrides"."end_time" and "availability_overrides"."visit_type" in ('in-person', 'video') and "availability_overrides"."slot_minutes" between 5 and 240))
);
--> statement-breakpoint
CREATE TABLE "availability_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"visit_type" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	CONSTRAINT "availability_templates_weekday" CHECK ("availability_templates"."weekday" between 1 and 7),
	CONSTRAINT "availability_templates_order" CHECK ("availability_templates"."start_time" < "availability_templates"."end_time"),
	CONSTRAINT "availability_templates_visit_type" CHECK ("availability_templates"."visit_type" in ('in-person', 'video')),
	CONSTRAINT "availability_templates_minutes" CHECK ("availability_templates"."slot_minutes" between 5 and 240)
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"location" text NOT NULL,
	"phone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_practitioner_id_unique" UNIQUE("practitioner_id")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_overrides" ADD CONSTRAINT "availability_overrides_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_templates" ADD CONSTRAINT "availability_templates_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_practitioner_id_users_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_slot" ON "appointments" USING btree ("schedule_id","start") WHERE "appointments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "appointments_patient_idx" ON "appointments" USING btree ("patient_id","start");--> statement-breakpoint
CREATE INDEX "availability_overrides_schedule_idx" ON "availability_overrides" USING btree ("schedule_id","date");--> statement-breakpoint
CREATE INDEX "availability_templates_schedule_idx" ON "availability_templates" USING btree ("schedule_id","weekday");