// What the record pages show, over FHIR files Hearth did not make (../shared/fixtures/fhir/more
// and synthea/, read in place) and a hand-made payer-only bundle, synced onto a device as a
// patient's phone would receive them. Every expected figure is worked out here from the file's
// own JSON, not through the pages' code, so a wrong rule there makes these fail.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPatientWithRecord } from "../../../server/test/records.ts";
import { deviceHoldings } from "../../local/device-holdings.ts";
import { type RealServer, startRealServer, syncedDevice } from "../../test/real-server.ts";
import { recordAttention } from "./attention.ts";
import { documents } from "./documents.ts";
import { otherRecords } from "./other-records.ts";
import { procedures } from "./procedures.ts";
import { recordCounts, recordOverview } from "./record-counts.ts";
import { resultsTimeline, undatedEntries, vitalSignRows } from "./result-timeline.ts";
import { visitDetail } from "./visits.ts";

type Json = Record<string, unknown> & { resourceType: string; id: string };

const fixtures = new URL("../../../../shared/fixtures/fhir/", import.meta.url);
const files = [
  "more/llmonfhir-Kasey569_Feest103-afib.json",
  "more/llmonfhir-WarnerHowell.json",
  "more/llmonfhir-ElenaVance.json",
  "more/inferno-uscore_bundle_patient_355.json",
  "more/inferno-us_quality_core_bundle_patient.json",
  "more/inferno-dtr_bundle_patient_pat015.json",
  "synthea/Beatris270_Bogan287_5b3645de-a2d0-d016-0839-bab3757c4c58.json",
];

/** A CARIN Blue Button style export: the payer's coverage and claims, no clinical data. */
const payerBundle = {
  resourceType: "Bundle",
  type: "collection",
  entry: [
    {
      resource: {
        resourceType: "Patient",
        id: "payer-patient",
        name: [{ family: "Okafor", given: ["Ada"] }],
        birthDate: "1970-04-02",
      },
    },
    {
      resource: {
        resourceType: "Coverage",
        id: "payer-coverage",
        status: "active",
        beneficiary: { reference: "Patient/payer-patient" },
        payor: [{ display: "Example Health Plan" }],
      },
    },
    {
      resource: {
        resourceType: "Claim",
        id: "payer-claim",
        status: "active",
        use: "claim",
        patient: { reference: "Patient/payer-patient" },
        created: "2024-03-01",
        type: { coding: [{ code: "professional" }] },
      },
    },
    {
      resource: {
        resourceType: "ExplanationOfBenefit",
        id: "payer-eob",
        status: "active",
        use: "claim",
        outcome: "complete",
        patient: { reference: "Patient/payer-patient" },
        created: "2024-03-05",
        type: { coding: [{ code: "professional" }] },
      },
    },
  ],
};

function resourcesOf(bundle: { entry?: { resource?: Json }[] }): Json[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

// The classification, written again from the issue and US Core rather than imported.
const vitalCodes = new Set([
  "85353-1",
  "8867-4",
  "85354-9",
  "55284-4",
  "8480-6",
  "8462-4",
  "8310-5",
  "9279-1",
  "2708-6",
  "59408-5",
  "29463-7",
  "8302-2",
  "39156-5",
  "9843-4",
  "8289-1",
  "59576-9",
  "77606-2",
]);
const usCoreOther = [
  "laboratory",
  "exam",
  "imaging",
  "procedure",
  "therapy",
  "clinical-test",
  "sdoh",
  "functional-status",
  "disability-status",
  "cognitive-status",
];
const historyCategories = ["social-history", "survey", "activity"];

function codings(concept: unknown): { system?: string; code?: string }[] {
  const one = Array.isArray(concept) ? concept[0] : concept;
  return (one as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
}

function expectedPlace(observation: Json): "results" | "vitals" | "history" {
  const category = codings(observation.category)[0]?.code ?? "";
  if (category === "vital-signs") return "vitals";
  if (historyCategories.includes(category)) return "history";
  if (usCoreOther.includes(category)) return "results";
  const loinc = codings(observation.code).filter((c) => c.system === "http://loinc.org");
  return loinc.some((c) => vitalCodes.has(c.code ?? "")) ? "vitals" : "results";
}

function isDated(observation: Json): boolean {
  return Object.keys(observation).some((key) => key.startsWith("effective") || key === "issued");
}

/** The notes of a file, each once: a note's attachments (data or url) name it. */
function expectedDocuments(all: Json[]): number {
  const notes = all.filter(
    (r) =>
      (r.resourceType === "DocumentReference" && r.status !== "entered-in-error") ||
      (r.resourceType === "DiagnosticReport" &&
        !(Array.isArray(r.result) && r.result.length > 0) &&
        r.status !== "entered-in-error"),
  );
  const seen = new Set<string>();
  let n = 0;
  for (const note of notes) {
    const attachments = (
      note.resourceType === "DocumentReference"
        ? ((note.content as { attachment?: Json }[] | undefined) ?? []).map((c) => c.attachment)
        : ((note.presentedForm as Json[] | undefined) ?? [])
    ).filter(Boolean) as Json[];
    const keys = attachments.map((a) => String(a.data ?? a.url ?? ""));
    if (keys.length > 0 && keys.every((key) => key && seen.has(key))) continue;
    for (const key of keys) seen.add(key);
    n += 1;
  }
  return n;
}

// Written again from ADR 28 rather than imported: the types with a page of their own, and the
// ones that are not items of care (people, places, medicines, provenance, messages,
// appointments, definitions). Every other type a file holds is on "Other records".
const ownPage = new Set([
  "Observation",
  "DiagnosticReport",
  "DocumentReference",
  "MedicationRequest",
  "MedicationStatement",
  "AllergyIntolerance",
  "Immunization",
  "ImmunizationRecommendation",
  "Condition",
  "Encounter",
  "Procedure",
]);
const notItems = new Set([
  "Patient",
  "Practitioner",
  "PractitionerRole",
  "Organization",
  "Location",
  "Endpoint",
  "Group",
  "RelatedPerson",
  "Medication",
  "Provenance",
  "Communication",
  "Appointment",
  "Questionnaire",
  "Binary",
]);

let server: RealServer;
const usernames = new Map<string, string>();
beforeAll(async () => {
  server = await startRealServer();
  for (const [i, file] of files.entries()) {
    usernames.set(file, `fixture${i}`);
    await addPatientWithRecord(
      server.db,
      `fixture${i}`,
      readFileSync(new URL(file, fixtures), "utf8"),
    );
  }
  await addPatientWithRecord(server.db, "payer", JSON.stringify(payerBundle));
}, 240_000);
afterAll(() => server.stop());

describe.each(files)("%s, as synced", (file) => {
  const all = resourcesOf(JSON.parse(readFileSync(new URL(file, fixtures), "utf8")));
  const observations = all.filter((r) => r.resourceType === "Observation");
  const placed = (place: string) => observations.filter((o) => expectedPlace(o) === place);

  it("counts each part as the file holds it, the same on My record, home and Help", async () => {
    const device = await syncedDevice(server, usernames.get(file) as string);
    const { db, patientId } = device;
    try {
      const source = { db, patientId };
      const counts = await recordCounts(source);
      expect(counts.results).toBe(placed("results").length);
      expect(counts.vitals).toBe(placed("vitals").length);
      expect(counts.history).toBe(placed("history").length);
      expect(counts.documents).toBe(expectedDocuments(all));
      expect(counts.visits).toBe(all.filter((r) => r.resourceType === "Encounter").length);

      // Help → Check my device stores every Observation; the record's parts share them out.
      const held = await deviceHoldings(db);
      const heldObservations = held.find((row) => row.kind === "Observation")?.n ?? 0;
      expect(heldObservations).toBe(observations.length);
      expect(counts.results + counts.vitals + counts.history).toBe(heldObservations);

      // Home's new results are results by the same rule: never more than My record's count.
      const attention = await recordAttention(source, Date.now());
      expect(attention.newResults).toBeLessThanOrEqual(counts.results);
      const resultIds = new Set(placed("results").map((o) => o.id));
      const newest = Math.max(
        ...placed("results")
          .filter(isDated)
          .map((o) => Date.parse(String(o.effectiveDateTime ?? o.issued ?? ""))),
      );
      const window = 90 * 86_400_000;
      const expectedNew = placed("results").filter((o) => {
        const at = Date.parse(String(o.effectiveDateTime ?? o.issued ?? ""));
        const latest = Math.min(Date.now(), newest);
        return resultIds.has(o.id) && at <= latest + 86_400_000 && latest - at <= window;
      }).length;
      expect(attention.newResults).toBe(Number.isFinite(newest) ? expectedNew : 0);
    } finally {
      await device.forget();
    }
  });

  it("leaves no clinical type unreachable: procedures and every other type are listed", async () => {
    const device = await syncedDevice(server, usernames.get(file) as string);
    const { db, patientId } = device;
    try {
      const source = { db, patientId };
      const live = (type: string) =>
        all.filter((r) => r.resourceType === type && r.status !== "entered-in-error");
      // Import gives each resource its own id (ADR 10): the file's and the page's are compared
      // by how many there are of each type.
      expect(await procedures(source)).toHaveLength(live("Procedure").length);
      const groups = await otherRecords(source);
      const otherTypes = [...new Set(all.map((r) => r.resourceType))]
        .filter((type) => !ownPage.has(type) && !notItems.has(type))
        .sort();
      expect(groups.map((g) => g.type).sort()).toEqual(otherTypes);
      for (const type of otherTypes) {
        expect(groups.find((g) => g.type === type)?.items).toHaveLength(live(type).length);
      }
      const counts = await recordCounts(source);
      expect(counts.procedures).toBe(live("Procedure").length);
      expect(counts.other).toBe(otherTypes.reduce((n, type) => n + live(type).length, 0));
    } finally {
      await device.forget();
    }
  });

  it("leaves no Observation unreachable: each is listed by results, lifestyle or vital signs", async () => {
    const device = await syncedDevice(server, usernames.get(file) as string);
    const { db, patientId } = device;
    try {
      const source = { db, patientId };
      const listed = new Set<string>();
      for (const place of ["results", "history"] as const) {
        const { entries, more } = await resultsTimeline(source, 10_000, {}, place);
        expect(more).toBe(false);
        for (const entry of [...entries, ...(await undatedEntries(source, place))]) {
          if (entry.kind === "report") for (const r of entry.results) listed.add(r.id);
          else listed.add(entry.row.id);
        }
      }
      for (const row of await vitalSignRows(source)) listed.add(row.id);
      const onDevice = await db.resources
        .where("[patientId+type]")
        .equals([patientId, "Observation"])
        .primaryKeys();
      expect(onDevice).toHaveLength(observations.length);
      expect(onDevice.filter((id) => !listed.has(id))).toEqual([]);
      const undated = await undatedEntries(source, "results");
      const expectedUndated = placed("results").filter((o) => !isDated(o));
      const inReports = new Set(
        all
          .filter((r) => r.resourceType === "DiagnosticReport")
          .flatMap((r) =>
            ((r.result as { reference?: string }[] | undefined) ?? []).map((x) =>
              x.reference?.split("/").at(-1),
            ),
          ),
      );
      expect(undated.filter((e) => e.kind === "result")).toHaveLength(
        expectedUndated.filter((o) => !inReports.has(o.id)).length,
      );
    } finally {
      await device.forget();
    }
  });
});

describe("the note sent as a DiagnosticReport and as a DocumentReference (afib file)", () => {
  it("is one document, not an empty results table, and one note at its visit", async () => {
    const file = "more/llmonfhir-Kasey569_Feest103-afib.json";
    const all = resourcesOf(JSON.parse(readFileSync(new URL(file, fixtures), "utf8")));
    const device = await syncedDevice(server, usernames.get(file) as string);
    const { db, patientId } = device;
    try {
      const source = { db, patientId };
      const docs = await documents(source);
      expect(all.filter((r) => r.resourceType === "DiagnosticReport")).toHaveLength(10);
      expect(all.filter((r) => r.resourceType === "DocumentReference")).toHaveLength(10);
      expect(docs).toHaveLength(10);
      expect(docs.every((doc) => doc.ids.length === 2)).toBe(true);
      expect(docs.every((doc) => doc.notes.length === 1 && doc.notes[0]?.kind === "text")).toBe(
        true,
      );
      // The file's first note starts with the visit's date and its chief complaint.
      const texts = docs.map((doc) => (doc.notes[0]?.kind === "text" ? doc.notes[0].text : ""));
      expect(texts.some((t) => t.startsWith("2017-01-21") && t.includes("Chief Complaint"))).toBe(
        true,
      );
      // No report of this file lists results: the results list is empty, not ten empty tables.
      expect((await resultsTimeline(source, 50)).entries).toHaveLength(0);
      const visitId = docs[0]?.visitIds[0];
      expect(visitId).toBeDefined();
      const visit = await visitDetail(source, visitId as string);
      expect(visit?.notes).toHaveLength(1);
      expect(visit?.reports).toHaveLength(0);
    } finally {
      await device.forget();
    }
  });
});

describe("a record of insurance and claims only (CARIN Blue Button)", () => {
  it("is said to hold no clinical data, not to be still on its way", async () => {
    const device = await syncedDevice(server, "payer");
    const { db, patientId } = device;
    try {
      const overview = await recordOverview({ db, patientId });
      // No clinical part holds anything; the coverage, claim and EOB are on "Other records".
      const { other, ...clinical } = overview.counts;
      expect(Object.values(clinical).every((n) => n === 0)).toBe(true);
      expect(other).toBe(3);
      expect(overview.payerOnly).toBe(true);
    } finally {
      await device.forget();
    }
  });

  it("is not called payer-only once any clinical data is there", async () => {
    const device = await syncedDevice(server, usernames.get(files[0] as string) as string);
    const { db, patientId } = device;
    try {
      expect((await recordOverview({ db, patientId })).payerOnly).toBe(false);
    } finally {
      await device.forget();
    }
  });
});
