// Where each resource of a record is shown, over hand-written rows (client/test/record-rows.ts):
// vital signs by their codes, results without a category or a date, notes as documents (once),
// and how a document and a results table read on screen.
import { render, screen } from "@solidjs/testing-library";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { deviceWith, labResult, report } from "../../test/record-rows.ts";
import { patientId, row } from "../../test/resource-row.ts";
import { documents } from "./documents.ts";
import { DocumentBody } from "./documents-pages.tsx";
import { recordCounts } from "./record-counts.ts";
import { type Found, hrefOf, searchDevice } from "./record-search.ts";
import { resultsTimeline, undatedEntries, vitalSignRows } from "./result-timeline.ts";
import { TimelineTable } from "./results-page.tsx";
import { latestVitals } from "./vitals-page.tsx";

beforeAll(async () => {
  await changeLocale("en");
  await loadNamespaces(["record"]);
});
let db: UserDatabase | undefined;
afterEach(() => db?.close());
const source = (open: UserDatabase) => ({ db: open, patientId });
const loinc = "http://loinc.org";

/** An Observation as another system may send it: no category, maybe no date. */
function observation(code: string, name: string, value: number, at?: string, category?: string) {
  return row(
    {
      resourceType: "Observation",
      status: "final",
      code: { coding: [{ system: loinc, code, display: name }] },
      ...(at ? { effectiveDateTime: at } : {}),
      valueQuantity: { value, unit: "/min", system: "http://unitsofmeasure.org", code: "/min" },
    },
    {
      effectiveAt: at ? new Date(at).toISOString() : null,
      codeSystem: loinc,
      code,
      category: category ?? null,
    },
  );
}

describe("Observations without a category", () => {
  it("are vital signs by their LOINC code, else results; a misspelt category is read by code", async () => {
    const pulse = observation("8867-4", "Heart rate", 72, "2024-05-01T09:00:00Z");
    const breaths = observation(
      "9279-1",
      "Respiratory rate",
      16,
      "2024-05-01T09:00:00Z",
      "vital-sign",
    );
    const count = observation("26515-7", "Platelets", 250, "2024-05-01T09:00:00Z");
    const lab = labResult("2345-7", "Glucose", 99, "2024-05-01T09:00:00Z");
    db = await deviceWith([pulse, breaths, count, lab]);
    const vitals = (await vitalSignRows(source(db))).map((r) => r.id).sort();
    expect(vitals).toEqual([pulse.id, breaths.id].sort());
    const listed = (await resultsTimeline(source(db), 20)).entries.map((e) => e.row.id).sort();
    expect(listed).toEqual([count.id, lab.id].sort());
    expect(await recordCounts(source(db))).toMatchObject({ results: 2, vitals: 2, history: 0 });
    // The vital signs page lists what the count counts.
    const onPage = (await latestVitals(source(db))).map((r) => r.id).sort();
    expect(onPage).toEqual([pulse.id, breaths.id].sort());
  });

  it("with no date are listed after the dated ones, not left out", async () => {
    const dated = labResult("2345-7", "Glucose", 99, "2024-05-01T09:00:00Z");
    const undated = observation("26515-7", "Platelets", 250);
    const undatedVital = observation("8867-4", "Heart rate", 70);
    db = await deviceWith([dated, undated, undatedVital]);
    expect((await resultsTimeline(source(db), 20)).entries.map((e) => e.row.id)).toEqual([
      dated.id,
    ]);
    expect((await undatedEntries(source(db))).map((e) => e.row.id)).toEqual([undated.id]);
    expect((await vitalSignRows(source(db))).map((r) => r.id)).toEqual([undatedVital.id]);
    expect((await recordCounts(source(db))).results).toBe(2);
  });
});

describe("notes", () => {
  const text = (words: string) => ({ contentType: "text/plain", data: btoa(words) });
  const noteReport = row(
    {
      resourceType: "DiagnosticReport",
      status: "final",
      code: { coding: [{ system: loinc, code: "18748-4", display: "Chest X-ray report" }] },
      effectiveDateTime: "2024-05-01T09:00:00Z",
      conclusion: "No acute cardiopulmonary process.",
      conclusionCode: [
        { coding: [{ system: "http://snomed.info/sct", code: "17621005", display: "Normal" }] },
      ],
      presentedForm: [text("Two views of the chest. Lungs clear.")],
    },
    { effectiveAt: "2024-05-01T09:00:00.000Z", category: "RAD" },
  );
  const sameNote = row(
    {
      resourceType: "DocumentReference",
      status: "current",
      type: { coding: [{ system: loinc, code: "18748-4" }] },
      date: "2024-05-01T10:00:00Z",
      context: { related: [{ reference: `DiagnosticReport/${noteReport.id}` }] },
      content: [
        { attachment: { contentType: "application/pdf", url: "https://example.org/x.pdf" } },
      ],
    },
    { effectiveAt: "2024-05-01T10:00:00.000Z" },
  );
  const other = row(
    {
      resourceType: "DocumentReference",
      status: "current",
      type: { text: "Discharge summary" },
      date: "2024-04-01T10:00:00Z",
      content: [{ attachment: text("Home after two days.") }],
    },
    { effectiveAt: "2024-04-01T10:00:00.000Z" },
  );
  const withdrawn = row(
    {
      resourceType: "DocumentReference",
      status: "entered-in-error",
      type: { text: "Wrong patient" },
      content: [{ attachment: text("Not yours.") }],
    },
    { status: "entered-in-error" },
  );

  it("are found by search once each, as documents, and lifestyle answers as such", async () => {
    const smoking = observation("72166-2", "Tobacco smoking status", 0, "2024-03-01T09:00:00Z");
    smoking.category = "social-history";
    db = await deviceWith([noteReport, sameNote, other, smoking]);
    const chest = await searchDevice(source(db), "chest", {});
    expect(chest?.map((f) => [f.kind, f.id])).toEqual([["document", noteReport.id]]);
    expect(hrefOf(chest?.[0] as Found)).toBe(`/record/documents/${noteReport.id}`);
    const found = await searchDevice(source(db), "smoking", {});
    expect(found?.map((f) => [f.kind, hrefOf(f)])).toEqual([
      ["lifestyle", `/record/history/${smoking.id}`],
    ]);
  });

  it("are documents: a report with no results once with its DocumentReference, with its conclusion", async () => {
    const glucose = labResult("2345-7", "Glucose", 99, "2024-05-01T09:00:00Z");
    const lab = report("Chemistry", [glucose], "2024-05-01T09:00:00Z");
    db = await deviceWith([noteReport, sameNote, other, withdrawn, glucose, lab]);
    const docs = await documents(source(db));
    expect(docs.map((d) => d.name)).toEqual(["Chest X-ray report", "Discharge summary"]);
    expect(docs[0]?.ids.sort()).toEqual([noteReport.id, sameNote.id].sort());
    expect(docs[0]?.conclusion).toBe("No acute cardiopulmonary process.");
    expect(docs[0]?.conclusionCodes).toEqual(["Normal"]);
    expect(docs[0]?.notes).toEqual([
      { kind: "text", title: undefined, text: "Two views of the chest. Lungs clear." },
      { kind: "unreadable", title: undefined, contentType: "application/pdf" },
    ]);
    // The lab report stays a results table; the note is not one.
    const entries = (await resultsTimeline(source(db), 20)).entries;
    expect(entries.map((e) => e.row.id)).toEqual([lab.id]);
    expect((await recordCounts(source(db))).documents).toBe(2);
  });

  it("show the conclusion and the text as the clinic wrote them", async () => {
    db = await deviceWith([noteReport]);
    const [doc] = await documents(source(db));
    if (!doc) throw new Error("no document");
    render(() => <DocumentBody doc={doc} level={2} />);
    expect(screen.getByRole("heading", { name: "Conclusion" })).toBeTruthy();
    expect(screen.getByText("No acute cardiopulmonary process.").getAttribute("dir")).toBe("auto");
    const codes = screen.getByText("Normal");
    expect(codes.tagName).toBe("BDI");
    expect(screen.getByText("Two views of the chest. Lungs clear.").getAttribute("lang")).toBe(
      "en",
    );
  });
});

describe("a results table's caption", () => {
  it("isolates the test's name in the locale's sentence, with no punctuation of its own", async () => {
    const glucose = labResult("2345-7", "Glucose", 99, "2024-05-03T12:00:00Z");
    await changeLocale("ar");
    try {
      render(() => <TimelineTable entry={{ kind: "result", row: glucose }} isNew={() => false} />);
      const caption = document.querySelector("caption");
      const name = caption?.querySelector("bdi");
      expect(name?.textContent).toBe("Glucose");
      expect(name?.getAttribute("lang")).toBe("en");
      // The Arabic comma from the locale file, not an English one from the code.
      expect(caption?.textContent).toContain("Glucose، ");
    } finally {
      await changeLocale("en");
    }
  });
});
