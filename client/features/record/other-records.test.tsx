// Procedures and "Other records" over hand-written rows and over a Synthea file Hearth did not
// make (Meg_Toy: 203 procedures, claims, care plans), read in place: counts, order, the facts a
// detail page shows, and the headings a screen reader finds.
import { render, screen } from "@solidjs/testing-library";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { fixtureResources, fixtureRows } from "../../test/fixture-rows.ts";
import { deviceWith } from "../../test/record-rows.ts";
import { patientId, row } from "../../test/resource-row.ts";
import { OtherDetail, OtherGroups } from "./other-pages.tsx";
import { isOtherType, otherRecord, otherRecords } from "./other-records.ts";
import { procedures } from "./procedures.ts";
import { ProcedureDetail, ProcedureList } from "./procedures-pages.tsx";
import { recordCounts, recordOverview } from "./record-counts.ts";

beforeAll(async () => {
  await changeLocale("en");
  await loadNamespaces(["record"]);
});
let db: UserDatabase | undefined;
afterEach(() => db?.close());
const source = (open: UserDatabase) => ({ db: open, patientId });
const snomed = "http://snomed.info/sct";

const surgeon = row({
  resourceType: "Practitioner",
  name: [{ given: ["Amal"], family: "Haddad" }],
});
const theatre = row({ resourceType: "Location", name: "Day surgery unit" });
const knee = row(
  {
    resourceType: "Procedure",
    status: "completed",
    code: { coding: [{ system: snomed, code: "179344006", display: "Knee arthroscopy" }] },
    performedPeriod: { start: "2023-04-02T09:00:00Z", end: "2023-04-02T10:30:00Z" },
    performer: [{ actor: { reference: `Practitioner/${surgeon.id}` } }],
    reasonCode: [{ text: "Torn meniscus" }],
    bodySite: [{ text: "Left knee" }],
    outcome: { text: "Successful" },
    location: { reference: `Location/${theatre.id}` },
  },
  { effectiveAt: "2023-04-02T09:00:00.000Z", status: "completed" },
);
const screening = row(
  {
    resourceType: "Procedure",
    status: "not-done",
    code: { text: "Depression screening" },
    performedDateTime: "2024-01-10",
  },
  { effectiveAt: "2024-01-10", status: "not-done" },
);
const mistake = row(
  { resourceType: "Procedure", status: "entered-in-error", code: { text: "Wrong patient" } },
  { status: "entered-in-error" },
);
const goal = row({
  resourceType: "Goal",
  lifecycleStatus: "active",
  description: { text: "Walk 30 minutes a day" },
  startDate: "2024-02-01",
});
const claim = row({
  resourceType: "Claim",
  status: "active",
  type: { coding: [{ code: "professional" }] },
  created: "2024-03-01",
  total: { value: 125, currency: "USD" },
  provider: { display: "Riverside Clinic" },
});
const odd = row({ resourceType: "BodyStructure", description: "Mole on the left shoulder" });
const directory = row({ resourceType: "Organization", name: "Riverside Clinic" });

describe("procedures", () => {
  it("are listed newest first, without entries in error, with date and status in words", async () => {
    db = await deviceWith([surgeon, theatre, knee, screening, mistake]);
    const list = await procedures(source(db));
    expect(list.map((p) => p.id)).toEqual([screening.id, knee.id]);
    expect((await recordCounts(source(db))).procedures).toBe(2);
    render(() => <ProcedureList items={list} />);
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(["Depression screening", "Knee arthroscopy"]);
    expect(screen.getByText("Not done")).toBeTruthy();
    expect(screen.getByText("Completed")).toBeTruthy();
    // The list shows name, date and status only; who and where are on the detail page.
    expect(screen.queryByText("Done by")).toBeNull();
  });

  it("show performer, reason, body site, outcome and place; what the record lacks is left out", async () => {
    db = await deviceWith([surgeon, theatre, knee, screening]);
    const [newest, oldest] = await procedures(source(db));
    const { unmount } = render(() => <ProcedureDetail item={oldest as never} />);
    for (const [label, value] of [
      ["Done by", "Amal Haddad"],
      ["Reason", "Torn meniscus"],
      ["Part of the body", "Left knee"],
      ["Outcome", "Successful"],
      ["Where", "Day surgery unit"],
    ]) {
      const term = screen.getByText(label as string);
      expect(term.nextElementSibling?.textContent).toBe(value);
    }
    expect(screen.getByText("Left knee").closest("bdi")?.getAttribute("lang")).toBe("en");
    unmount();
    render(() => <ProcedureDetail item={newest as never} />);
    for (const label of ["Done by", "Reason", "Part of the body", "Outcome", "Where", "Ended"]) {
      expect(screen.queryByText(label)).toBeNull();
    }
  });
});

describe("other records", () => {
  it("list each clinical type no other page shows, under its name in words, unknown types by FHIR name", async () => {
    db = await deviceWith([knee, goal, claim, odd, directory, surgeon]);
    const groups = await otherRecords(source(db));
    expect(groups.map((g) => g.type)).toEqual(["Goal", "Claim", "BodyStructure"]);
    expect(groups.find((g) => g.type === "Claim")?.items[0]).toMatchObject({
      name: "professional",
      date: "2024-03-01",
      status: "active",
      by: ["Riverside Clinic"],
      total: "$125.00",
    });
    expect((await recordCounts(source(db))).other).toBe(3);
    render(() => <OtherGroups groups={groups} />);
    const h2 = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(h2).toEqual(["Health goals", "Insurance claims", "BodyStructure"]);
    const h3 = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(h3).toEqual(["Walk 30 minutes a day", "professional", "Mole on the left shoulder"]);
    // Each group is a region named by its heading.
    expect(screen.getByRole("region", { name: "Health goals" })).toBeTruthy();
  });

  it("open one item, and refuse an item another page shows", async () => {
    db = await deviceWith([knee, goal]);
    const item = await otherRecord(source(db), goal.id);
    expect(await otherRecord(source(db), knee.id)).toBeUndefined();
    render(() => <OtherDetail item={item as never} />);
    expect(screen.getByText("Kind of record").nextElementSibling?.textContent).toBe("Health goals");
    expect(screen.getByText("Status").nextElementSibling?.textContent).toBe("Active");
    expect(screen.queryByText("From")).toBeNull();
  });

  it("hold a payer's export: the record says insurance only, and lists it here", async () => {
    db = await deviceWith([claim]);
    const overview = await recordOverview(source(db));
    expect(overview.payerOnly).toBe(true);
    expect(overview.counts.other).toBe(1);
  });
});

describe("Meg_Toy (Synthea, read in place)", () => {
  const file = "more/synthea-smart-Meg_Toy.json";
  const all = fixtureResources(file);
  const countOf = (type: string) =>
    all.filter((r) => r.resourceType === type && r.status !== "entered-in-error").length;
  const types = [...new Set(all.map((r) => r.resourceType))];

  it("shows every procedure and every other clinical item the file holds", async () => {
    db = await deviceWith(fixtureRows(file, types));
    const list = await procedures(source(db));
    expect(list).toHaveLength(countOf("Procedure"));
    expect(list.length).toBeGreaterThan(200);
    const dates = list.map((p) => p.date ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const otherTypes = types.filter(isOtherType).sort();
    expect(otherTypes).toEqual(["CarePlan", "Claim", "ExplanationOfBenefit"]);
    const groups = await otherRecords(source(db));
    for (const type of otherTypes) {
      expect(groups.find((g) => g.type === type)?.items).toHaveLength(countOf(type));
    }
    const counts = await recordCounts(source(db));
    expect(counts.procedures).toBe(countOf("Procedure"));
    expect(counts.other).toBe(otherTypes.reduce((n, type) => n + countOf(type), 0));
    // Every claim is named by its type and dated, as the file writes them.
    const claims = groups.find((g) => g.type === "Claim")?.items ?? [];
    expect(claims.every((c) => c.name && c.date)).toBe(true);
  });
});
