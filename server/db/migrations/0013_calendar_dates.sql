-- effective_at becomes a FhirWhen (shared/fhir-when.ts, docs/decisions/0023-calendar-dates.md):
-- instants keep their moment, written as UTC ISO text; a calendar date ("2019", "2019-05",
-- "2019-05-10"), which was stored as midnight UTC, goes back to what the resource says.
ALTER TABLE "resources" ALTER COLUMN "effective_at" SET DATA TYPE text USING to_char("effective_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');--> statement-breakpoint
UPDATE "resources" SET "effective_at" = "dated"."written"
FROM (
  SELECT "id", btrim(
    CASE "resource_type"
      WHEN 'Observation' THEN COALESCE("resource" #>> '{effectiveDateTime}', "resource" #>> '{effectivePeriod,start}', "resource" #>> '{effectiveInstant}', "resource" #>> '{issued}')
      WHEN 'DiagnosticReport' THEN COALESCE("resource" #>> '{effectiveDateTime}', "resource" #>> '{effectivePeriod,start}', "resource" #>> '{issued}')
      WHEN 'MedicationRequest' THEN "resource" #>> '{authoredOn}'
      WHEN 'MedicationStatement' THEN COALESCE("resource" #>> '{effectiveDateTime}', "resource" #>> '{effectivePeriod,start}', "resource" #>> '{dateAsserted}')
      WHEN 'AllergyIntolerance' THEN COALESCE("resource" #>> '{onsetDateTime}', "resource" #>> '{recordedDate}', "resource" #>> '{onsetPeriod,start}')
      WHEN 'Immunization' THEN COALESCE("resource" #>> '{occurrenceDateTime}', "resource" #>> '{recorded}')
      WHEN 'ImmunizationRecommendation' THEN "resource" #>> '{date}'
      WHEN 'Condition' THEN COALESCE("resource" #>> '{onsetDateTime}', "resource" #>> '{onsetPeriod,start}', "resource" #>> '{recordedDate}')
      WHEN 'Encounter' THEN "resource" #>> '{period,start}'
      WHEN 'DocumentReference' THEN COALESCE("resource" #>> '{date}', "resource" #>> '{context,period,start}')
      WHEN 'Procedure' THEN COALESCE("resource" #>> '{performedDateTime}', "resource" #>> '{performedPeriod,start}')
      WHEN 'CarePlan' THEN COALESCE("resource" #>> '{period,start}', "resource" #>> '{created}')
      WHEN 'Claim' THEN COALESCE("resource" #>> '{created}', "resource" #>> '{billablePeriod,start}')
      WHEN 'ExplanationOfBenefit' THEN COALESCE("resource" #>> '{created}', "resource" #>> '{billablePeriod,start}')
      WHEN 'Goal' THEN COALESCE("resource" #>> '{startDate}', "resource" #>> '{statusDate}')
      WHEN 'ImagingStudy' THEN "resource" #>> '{started}'
      WHEN 'Appointment' THEN "resource" #>> '{start}'
      WHEN 'Communication' THEN COALESCE("resource" #>> '{sent}', "resource" #>> '{received}')
      WHEN 'Provenance' THEN "resource" #>> '{recorded}'
    END
  ) AS "written"
  FROM "resources"
) AS "dated"
WHERE "resources"."id" = "dated"."id"
  AND "resources"."effective_at" IS NOT NULL
  AND "dated"."written" ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$';