import { afterEach, describe, expect, it } from "vitest";
import type { UserDatabase } from "../../local/user-database.ts";
import { deviceWith, labResult, report } from "../../test/record-rows.ts";
import { patientId, row } from "../../test/resource-row.ts";
import { allergies } from "./allergies.ts";
import { recordAttention } from "./attention.ts";
import { immunizations } from "./immunizations.ts";
import { medications } from "./medications.ts";
import { isNewResult, latestResultAt, markViewed, viewedIds } from "./new-results.ts";
import { problems } from "./problems.ts";
import { searchDevice } from "./record-search.ts";
import { resultDetail } from "./result-history-query.ts";
import { resultsTimeline } from "./result-timeline.ts";
import { visitDetail } from "./visits.ts";

let db: UserDatabase | undefined;
afterEach(() => db?.close());
const source = (open: UserDatabase) => ({ db: open, patientId });

describe("the results list", () => {
  it("groups results under their report, keeps lone results apart, newest first", async () => {
    const a1c = labResult("4548-4", "Hemoglobin A1c", 7.2, "2024-05-03T10:00:00Z", {
      low: 4,
      high: 5.6,
    });
    const glucose = labResult("2345-7", "Glucose", 112, "2024-05-03T10:00:00Z");
    const home = labResult("2339-0", "Glucose (home meter)", 140, "2024-06-01T08:00:00Z");
    const vital = row(
      { resourceType: "Observation", code: { text: "Weight" } },
      { effectiveAt: "2024-07-01T00:00:00.000Z", category: "vital-signs" },
    );
    db = await deviceWith([
      a1c,
      glucose,
      home,
      vital,
      report("Diabetes panel", [a1c, glucose], "2024-05-03T10:00:00Z"),
    ]);
    const { entries, more } = await resultsTimeline(source(db), 10);
    expect(more).toBe(false);
    expect(entries.map((e) => e.kind)).toEqual(["result", "report"]);
    expect(entries[0]?.row.id).toBe(home.id);
    const panel = entries[1];
    expect(panel?.kind === "report" ? panel.results.map((r) => r.id) : []).toEqual([
      a1c.id,
      glucose.id,
    ]);
  });

  it("reads a page at a time and says when there is more", async () => {
    const rows = Array.from({ length: 45 }, (_, i) =>
      labResult("2339-0", "Glucose", 90 + i, new Date(Date.UTC(2024, 0, 1 + i)).toISOString()),
    );
    db = await deviceWith(rows);
    const first = await resultsTimeline(source(db), 20);
    expect(first.entries).toHaveLength(20);
    expect(first.more).toBe(true);
    expect(first.entries[0]?.row.id).toBe(rows[44]?.id);
    const all = await resultsTimeline(source(db), 60);
    expect(all.entries).toHaveLength(45);
    expect(all.more).toBe(false);
  });

  it("keeps only the results inside a date window, both ends included", async () => {
    const rows = ["2024-01-01", "2024-02-15", "2024-03-31", "2024-04-01"].map((day) =>
      labResult("2339-0", "Glucose", 100, `${day}T12:00:00Z`),
    );
    db = await deviceWith(rows);
    const { entries } = await resultsTimeline(source(db), 20, {
      from: "2024-02-15",
      to: "2024-03-31",
    });
    expect(entries.map((e) => e.row.id)).toEqual([rows[2]?.id, rows[1]?.id]);
  });
});

describe("a result's history", () => {
  it("gathers every result of the same code, newest first, with the latest range", async () => {
    const old = labResult("2345-7", "Glucose", 95, "2019-03-01T00:00:00Z");
    const latest = labResult("2345-7", "Glucose", 112, "2024-05-03T00:00:00Z");
    const other = labResult("4548-4", "Hemoglobin A1c", 7, "2024-05-03T00:00:00Z");
    db = await deviceWith([old, latest, other]);
    const detail = await resultDetail(source(db), old.id);
    expect(detail?.histories).toHaveLength(1);
    expect(detail?.histories[0]?.points.map((p) => p.id)).toEqual([latest.id, old.id]);
    expect(detail?.histories[0]?.range).toMatchObject({ low: 70, high: 99 });
    expect(await resultDetail(source(db), "not-there")).toBeUndefined();
  });
});

describe("new results", () => {
  it("are the latest results not yet opened on this device", async () => {
    const now = Date.parse("2024-06-01T00:00:00Z");
    const recent = labResult("2345-7", "Glucose", 112, "2024-05-20T00:00:00Z");
    const old = labResult("2345-7", "Glucose", 90, "2023-01-01T00:00:00Z");
    db = await deviceWith([recent, old]);
    expect(isNewResult(recent, new Set(), now)).toBe(true);
    expect(isNewResult(old, new Set(), now)).toBe(false);
    expect((await recordAttention(source(db), now)).newResults).toBe(1);
    await markViewed(db, [recent.id], new Date(now));
    expect(isNewResult(recent, await viewedIds(db), now)).toBe(false);
    expect((await recordAttention(source(db), now)).newResults).toBe(0);
  });

  it("count back from the record's newest result, so a last visit long ago stays new", async () => {
    const now = Date.parse("2026-11-25T00:00:00Z");
    const last = labResult("4548-4", "Hemoglobin A1c", 7, "2026-08-10T00:00:00Z");
    const before = labResult("4548-4", "Hemoglobin A1c", 6.8, "2026-04-01T00:00:00Z");
    db = await deviceWith([last, before]);
    expect(await latestResultAt(db, patientId, now)).toBe(Date.parse("2026-08-10T00:00:00Z"));
    expect((await recordAttention(source(db), now)).newResults).toBe(1);
  });
});

describe("allergies", () => {
  const noneKnown = {
    resourceType: "AllergyIntolerance",
    code: {
      coding: [{ system: "http://snomed.info/sct", code: "716186003" }],
      text: "No known allergies",
    },
  };
  it("tell nothing recorded apart from no known allergies and from allergies", async () => {
    db = await deviceWith([]);
    expect((await allergies(source(db))).state).toBe("nothing-recorded");
    db.close();
    db = await deviceWith([row(noneKnown)]);
    expect((await allergies(source(db))).state).toBe("none-known");
    db.close();
    db = await deviceWith([
      row(noneKnown),
      row({
        resourceType: "AllergyIntolerance",
        code: { text: "Penicillin" },
        criticality: "high",
        reaction: [{ manifestation: [{ text: "Hives" }], severity: "moderate" }],
      }),
    ]);
    const record = await allergies(source(db));
    expect(record.state).toBe("allergies");
    expect(record.state === "allergies" ? record.entries : []).toMatchObject([
      { substance: "Penicillin", reactions: ["Hives"], severity: "moderate", criticality: "high" },
    ]);
  });
});

describe("medications, problems and immunizations", () => {
  it("separate current from past, with the prescriber's name resolved or as displayed", async () => {
    const doctor = row({
      resourceType: "Practitioner",
      name: [{ prefix: ["Dr."], given: ["Mei"], family: "Lee" }],
    });
    db = await deviceWith([
      doctor,
      row({
        resourceType: "MedicationRequest",
        status: "active",
        medicationCodeableConcept: { text: "Metformin 500 mg" },
        authoredOn: "2023-01-01",
        requester: { reference: `Practitioner/${doctor.id}` },
        dosageInstruction: [{ text: "1 tablet twice a day" }],
      }),
      row({
        resourceType: "MedicationRequest",
        status: "stopped",
        medicationCodeableConcept: { text: "Lisinopril" },
        requester: { reference: "Practitioner?identifier=x|1", display: "Dr. Elsewhere" },
      }),
    ]);
    // Seen in mid-2023, when the January prescription was recent (older ones are to check).
    const list = await medications(source(db), Date.parse("2023-06-01T00:00:00Z"));
    expect(list.map((m) => [m.name, m.current, m.prescriber, m.dose])).toEqual([
      ["Metformin 500 mg", true, "Dr. Mei Lee", ["1 tablet twice a day"]],
      ["Lisinopril", false, "Dr. Elsewhere", []],
    ]);
  });

  it("list problems by their clinical status, whatever their category", async () => {
    const category = (code: string) => [{ coding: [{ code }] }];
    db = await deviceWith([
      row(
        {
          resourceType: "Condition",
          code: { text: "Diabetes" },
          category: category("problem-list-item"),
        },
        { status: "active" },
      ),
      row(
        {
          resourceType: "Condition",
          code: { text: "Asthma" },
          category: category("problem-list-item"),
        },
        { status: "resolved" },
      ),
      row(
        {
          resourceType: "Condition",
          code: { text: "Sinusitis" },
          category: category("encounter-diagnosis"),
        },
        { status: "resolved" },
      ),
    ]);
    const record = await problems(source(db));
    expect(record.current.map((p) => p.name)).toEqual(["Diabetes"]);
    expect(record.past.map((p) => [p.name, p.kind])).toEqual([
      ["Asthma", "problem-list-item"],
      ["Sinusitis", "encounter-diagnosis"],
    ]);
    expect(record.noStatus).toEqual([]);
  });

  it("show given, not given and due vaccines", async () => {
    db = await deviceWith([
      row({
        resourceType: "Immunization",
        status: "completed",
        vaccineCode: { text: "Flu" },
        occurrenceDateTime: "2024-10-01",
      }),
      row({
        resourceType: "Immunization",
        status: "not-done",
        vaccineCode: { text: "COVID-19" },
        statusReason: { text: "Patient refused" },
      }),
      row({
        resourceType: "ImmunizationRecommendation",
        recommendation: [
          {
            vaccineCode: [{ text: "Tdap" }],
            forecastStatus: { coding: [{ code: "due" }] },
            dateCriterion: [{ value: "2030-01-01" }],
          },
          { vaccineCode: [{ text: "Flu" }], forecastStatus: { coding: [{ code: "complete" }] } },
        ],
      }),
    ]);
    const record = await immunizations(source(db));
    expect(record.given.map((i) => i.vaccine)).toEqual(["Flu"]);
    expect(record.notGiven.map((i) => [i.vaccine, i.reason])).toEqual([
      ["COVID-19", "Patient refused"],
    ]);
    expect(record.due.map((d) => d.vaccine)).toEqual(["Tdap"]);
  });
});

describe("visits", () => {
  it("decode the notes of the visit, and only its own", async () => {
    const visit = row({
      resourceType: "Encounter",
      type: [{ text: "Check-up" }],
      period: { start: "2024-05-03T10:00:00Z" },
      location: [{ location: { reference: "Location/unknown", display: "Main clinic" } }],
    });
    const note = (encounter: string, text: string) =>
      row({
        resourceType: "DocumentReference",
        type: { text: "Progress note" },
        context: { encounter: [{ reference: `Encounter/${encounter}` }] },
        content: [
          { attachment: { contentType: "text/plain", data: Buffer.from(text).toString("base64") } },
        ],
      });
    db = await deviceWith([visit, note(visit.id, "Seen today."), note("another", "Not this one.")]);
    const detail = await visitDetail(source(db), visit.id);
    expect(detail?.visit.locations).toEqual(["Main clinic"]);
    expect(detail?.notes.flatMap((n) => n.notes)).toEqual([
      { kind: "text", title: undefined, text: "Seen today." },
    ]);
  });
});

describe("search", () => {
  it("finds tests, medicines and problems by any word, without accents, within dates", async () => {
    db = await deviceWith([
      labResult("2345-7", "Glucose [Mass/volume] in Serum", 100, "2024-01-01T00:00:00Z"),
      labResult("2345-7", "Glucose [Mass/volume] in Serum", 120, "2024-03-01T00:00:00Z"),
      row(
        {
          resourceType: "MedicationRequest",
          medicationCodeableConcept: { text: "Métformin 500 mg" },
        },
        { effectiveAt: "2024-02-01T00:00:00.000Z" },
      ),
      row(
        { resourceType: "Condition", code: { text: "Type 2 diabetes" } },
        { effectiveAt: "2020-02-01T00:00:00.000Z" },
      ),
    ]);
    const glucose = await searchDevice(source(db), "glucose serum", {});
    expect(glucose?.map((f) => [f.kind, f.count])).toEqual([["result", 2]]);
    expect((await searchDevice(source(db), "metformin", {}))?.map((f) => f.kind)).toEqual([
      "medication",
    ]);
    expect(
      (await searchDevice(source(db), "", { from: "2024-02-15" }))?.map((f) => f.count),
    ).toEqual([1]);
    expect(await searchDevice(source(db), "", {})).toBeUndefined();
  });
});
