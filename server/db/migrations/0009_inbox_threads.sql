CREATE TABLE "care_team_members" (
	"care_team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "care_team_members_care_team_id_user_id_pk" PRIMARY KEY("care_team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "care_team_patients" (
	"care_team_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	CONSTRAINT "care_team_patients_care_team_id_patient_id_pk" PRIMARY KEY("care_team_id","patient_id"),
	CONSTRAINT "care_team_patients_resource_id_unique" UNIQUE("resource_id")
);
--> statement-breakpoint
CREATE TABLE "care_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid,
	"author_side" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_by_patient_at" timestamp with time zone,
	"read_by_team_at" timestamp with time zone,
	"read_by_team_user" uuid,
	CONSTRAINT "inbox_messages_side_known" CHECK ("inbox_messages"."author_side" in ('patient', 'care-team'))
);
--> statement-breakpoint
CREATE TABLE "inbox_threads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"care_team_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"started_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"awaiting_reply" boolean DEFAULT true NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "inbox_threads_status_known" CHECK ("inbox_threads"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_care_team_id_care_teams_id_fk" FOREIGN KEY ("care_team_id") REFERENCES "public"."care_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_patients" ADD CONSTRAINT "care_team_patients_care_team_id_care_teams_id_fk" FOREIGN KEY ("care_team_id") REFERENCES "public"."care_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_patients" ADD CONSTRAINT "care_team_patients_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_thread_id_inbox_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."inbox_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_read_by_team_user_users_id_fk" FOREIGN KEY ("read_by_team_user") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_care_team_id_care_teams_id_fk" FOREIGN KEY ("care_team_id") REFERENCES "public"."care_teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_team_members_user_idx" ON "care_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "care_team_patients_patient_idx" ON "care_team_patients" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "inbox_messages_thread_idx" ON "inbox_messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_threads_team_idx" ON "inbox_threads" USING btree ("care_team_id","awaiting_reply","last_message_at");--> statement-breakpoint
CREATE INDEX "inbox_threads_patient_idx" ON "inbox_threads" USING btree ("patient_id");