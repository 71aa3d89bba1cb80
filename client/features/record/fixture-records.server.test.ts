// Every record in ../shared/fixtures/fhir (Synthea, HL7 examples, and more/: files Hearth did not
// make), imported, synced onto a device and read by the pages' own queries. What each page
// holds is checked against what the file holds, counted here from the file's JSON by the rules
// a patient would expect (ADR 25), not by the page code.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { patients, users } from "../../../server/db/schema.ts";
import { ImportRefusedError, importFhirFile } from "../../../server/fhir/import.ts";
import { fixturesDir, jsonFiles } from "../../../server/test/fixtures.ts";
import { addPatientWithRecord } from "../../../server/test/records.ts";
import { type RealServer, startRealServer, syncedDevice } from "../../test/real-server.ts";
import { allergies } from "./allergies.ts";
import { immunizations } from "./immunizations.ts";
import { medications } from "./medications.ts";
import { problems } from "./problems.ts";
import { visits } from "./visits.ts";

type Resource = { resourceType: string; [field: string]: unknown };

function resourcesIn(text: string): Resource[] {
  const json = JSON.parse(text) as Resource;
  if (json.resourceType !== "Bundle") return [json];
  const entries = Array.isArray(json.entry) ? (json.entry as { resource?: Resource }[]) : [];
  return entries.flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** A record of one patient: the files a patient's record is made of (one Patient in them). */
const records = jsonFiles().flatMap((path) => {
  const text = readFileSync(path, "utf8");
  const found = resourcesIn(text);
  return found.filter((r) => r.resourceType === "Patient").length === 1
    ? [{ name: relative(fixturesDir, path), text, found }]
    : [];
});

/** Entered in error is not part of anyone's record (hl7.org/fhir/R4 status codes). */
function enteredInError(resource: Resource): boolean {
  const codes = [resource.status, resource.verificationStatus]
    .flatMap((value) =>
      typeof value === "string"
        ? [value]
        : ((value as { coding?: { code?: string }[] } | undefined)?.coding ?? []).map(
            (c) => c.code,
          ),
    )
    .filter(Boolean);
  return codes.includes("entered-in-error");
}

/** How many of the file's resources of these types a patient should find on the page. */
function expected(found: Resource[], ...types: string[]): number {
  return found.filter((r) => types.includes(r.resourceType) && !enteredInError(r)).length;
}

/** Every item of every group a page's query answers (its groups may change; its sum may not). */
function itemsOf(record: object): number {
  return Object.values(record).reduce(
    (sum: number, value) => sum + (Array.isArray(value) ? value.length : 0),
    0,
  );
}

// A server of its own for each record: two files may hold the same person (the HL7 examples'
// patient is in several), whose record would then be one.
let server: RealServer | undefined;
afterAll(() => server?.stop());

/**
 * The file's patient as the "fixture" account's record. A file that also points at a patient it
 * does not hold (ElenaKim's one Observation of "Patient/pat-1") is refused for an account, as it
 * should be: it is imported as it stands, and the account linked to the patient the file holds.
 */
async function recordOf(running: RealServer, text: string) {
  try {
    await addPatientWithRecord(running.db, "fixture", text);
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    const report = await importFhirFile(running.db, text);
    const held = report.patients.filter((patient) => patient.outcome !== "placeholder");
    expect(held).toHaveLength(1);
    const [user] = await running.db.select().from(users).where(eq(users.username, "fixture"));
    await running.db
      .update(patients)
      .set({ accountId: user?.id as string })
      .where(eq(patients.id, held[0]?.id as string));
  }
}

async function deviceOf(text: string) {
  await server?.stop();
  server = await startRealServer();
  await recordOf(server, text);
  return syncedDevice(server, "fixture");
}

describe.runIf(records.length > 0)("every fixture record, as its pages show it", () => {
  it.each(records.map((record) => [record.name, record] as const))("%s", async (_name, record) => {
    const device = await deviceOf(record.text);
    const source = { db: device.db, patientId: device.patientId };
    try {
      const { found } = record;
      expect(await visits(source), "visits").toHaveLength(expected(found, "Encounter"));
      expect(itemsOf(await problems(source)), "problems").toBe(expected(found, "Condition"));
      expect((await medications(source)).length, "medicines").toBe(
        expected(found, "MedicationRequest", "MedicationStatement"),
      );
      const shots = await immunizations(source);
      expect(shots.given.length + shots.notGiven.length, "immunizations").toBe(
        expected(found, "Immunization"),
      );
      const allergy = await allergies(source);
      const allergyCount = allergy.state === "nothing-recorded" ? 0 : allergy.entries.length;
      const refuted = found.filter(
        (r) =>
          r.resourceType === "AllergyIntolerance" &&
          JSON.stringify(r.verificationStatus ?? "").includes('"refuted"'),
      ).length;
      expect(allergyCount + refuted, "allergies").toBe(expected(found, "AllergyIntolerance"));
    } finally {
      await device.forget();
    }
  });
});
