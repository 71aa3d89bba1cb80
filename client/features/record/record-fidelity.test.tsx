// The record pages as a patient (and a screen reader) gets them: headings and text, rendered by
// the real route from rows on a real (fake-IndexedDB) device database, with hand-written cases
// and FHIR exports Hearth did not make (../shared/fixtures/fhir/more/). Expected figures are
// worked out from the files here, not by the pages' code.
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { render, screen, within } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Me } from "../../../shared/contracts/me.ts";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import { databaseNameFor } from "../../local/device-user.ts";
import { signedIn } from "../../local/session.ts";
import { closeUserDatabase, type DeviceResource, userDatabase } from "../../local/user-database.ts";
import { expectNoAxeViolations } from "../../test/axe.ts";
import { deviceKeyAnswers } from "../../test/device-copy.ts";
import { fixtureResources, fixtureRows } from "../../test/fixture-rows.ts";
import { stubNetwork } from "../../test/network.ts";
import { patientId, row } from "../../test/resource-row.ts";
import { allergyCount } from "./allergies.ts";
import { problemCount } from "./problems.ts";
import RecordPages from "./record-pages.tsx";

beforeAll(() => loadNamespaces(["record"]));

let me: Me | undefined;
let counter = 0;
afterEach(async () => {
  vi.useRealTimers();
  closeUserDatabase();
  if (me) await Dexie.delete(databaseNameFor(me.id));
  me = undefined;
});

/** The device the page reads, for the queries the page's figures should agree with. */
const device = () => ({ db: userDatabase(me?.id ?? ""), patientId });

/** Signs in a patient whose device holds `rows`, and opens `path` under /record. */
async function openRecord(path: string, rows: DeviceResource[]) {
  me = {
    id: `fidelity-${++counter}`,
    username: "pat",
    displayName: "Pat",
    role: "patient",
    locale: null,
  };
  stubNetwork(deviceKeyAnswers());
  await signedIn(me);
  const db = userDatabase(me.id);
  await db.open();
  await db.patients.put({ id: patientId, name: "Pat", birthDate: null, self: true });
  await db.resources.bulkPut(rows);
  const history = createMemoryHistory();
  history.set({ value: `/record/${path}`, replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/record/*path" component={RecordPages} />
    </MemoryRouter>
  ));
}

/** The list under a heading: the cards' headings until the next heading of the same level. */
function cardsUnder(name: string | RegExp): string[] {
  const heading = screen.getByRole("heading", { level: 2, name });
  const names: string[] = [];
  for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; ) {
    for (const h of node.querySelectorAll("h3")) names.push(h.textContent ?? "");
    node = node.nextElementSibling;
  }
  return names;
}

/** A fact's value in a details list, by its label; undefined when the fact is left out. */
function factsOf(card: HTMLElement): Map<string, string> {
  const facts = new Map<string, string>();
  for (const dt of card.querySelectorAll("dt")) {
    facts.set(dt.textContent ?? "", dt.nextElementSibling?.textContent ?? "");
  }
  return facts;
}

/**
 * axe-core on the page; jsdom cannot compute colours, so contrast is left to e2e, and the page
 * is rendered without the app's frame, whose <main> holds it (app.test.tsx checks that).
 */

const allergy = (fields: Record<string, unknown>) =>
  row({ resourceType: "AllergyIntolerance", ...fields });

describe("allergies", () => {
  it("say the worst reaction's severity, and a life-threatening allergy first and plainly", async () => {
    await openRecord("allergies", [
      allergy({
        code: { text: "Latex" },
        recordedDate: "2024-01-01",
        reaction: [{ manifestation: [{ text: "Itching" }], severity: "mild" }],
      }),
      allergy({
        code: { text: "Peanut" },
        recordedDate: "2010-01-01",
        // The worst reaction is second in the file: severity is the worst, not the first.
        reaction: [
          { manifestation: [{ text: "Hives" }], severity: "mild" },
          {
            manifestation: [
              {
                coding: [{ system: "http://snomed.info/sct", code: "39579001" }],
                text: "Anaphylaxis",
              },
            ],
            severity: "severe",
          },
        ],
      }),
      allergy({ code: { text: "Dust" }, criticality: "low" }),
    ]);
    const headings = await screen.findAllByRole("heading", { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual([
      "Life-threatening allergy: Peanut",
      "Latex",
      "Dust",
    ]);
    const peanut = headings[0]?.closest("li") as HTMLElement;
    expect(
      within(peanut).getByText("Life-threatening allergy", { selector: "strong" }),
    ).toBeTruthy();
    const facts = factsOf(peanut);
    expect(facts.get("How severe")).toBe("Severe");
    expect(facts.get("Reaction")).toBe("Hives and Anaphylaxis");
    // The substance is the record's English, isolated inside the translated heading.
    expect(headings[0]?.querySelector("bdi[lang=en]")?.textContent).toBe("Peanut");
    // An allergy's reaction matters: its absence is said. Facts it does not hold are left out.
    const dust = factsOf(headings[2]?.closest("li") as HTMLElement);
    expect(dust.get("Reaction")).toBe("Not recorded");
    expect([...dust.keys()]).toEqual(["Reaction", "Risk of a serious reaction"]);
    await expectNoAxeViolations({ landmarks: false });
  });

  it("over the US Quality Core bundle: every high-criticality allergy is said first", async () => {
    const file = "more/inferno-us_quality_core_bundle_patient.json";
    const raw = fixtureResources(file).filter((r) => r.resourceType === "AllergyIntolerance");
    const high = raw.filter((r) => r.criticality === "high").length;
    const withoutReaction = raw.filter(
      (r) => !Array.isArray(r.reaction) || r.reaction.length === 0,
    ).length;
    expect(raw).toHaveLength(21);
    await openRecord("allergies", fixtureRows(file, ["AllergyIntolerance", "Practitioner"]));
    const headings = await screen.findAllByRole("heading", { level: 2 });
    expect(headings).toHaveLength(21);
    const warned = headings.filter((h) => h.textContent?.startsWith("Life-threatening allergy: "));
    expect(warned).toHaveLength(high);
    expect(headings.slice(0, high)).toEqual(warned);
    const cashew = headings.find((h) => h.textContent?.endsWith("Cashew nuts"))?.closest("li");
    expect(factsOf(cashew as HTMLElement).get("How severe")).toBe("Severe");
    const notRecorded = screen
      .getAllByRole("term")
      .filter(
        (dt) =>
          dt.textContent === "Reaction" && dt.nextElementSibling?.textContent === "Not recorded",
      );
    expect(notRecorded).toHaveLength(withoutReaction);
    expect(await allergyCount(device())).toBe(21);
  });

  it("say it in Arabic, with the English name isolated", async () => {
    await changeLocale("ar");
    await openRecord("allergies", [allergy({ code: { text: "Penicillin" }, criticality: "high" })]);
    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("حساسية مهددة للحياة: Penicillin");
    expect(heading.querySelector("bdi[lang=en]")?.textContent).toBe("Penicillin");
  });
});

const condition = (name: string, fields: Record<string, unknown>, status?: string) =>
  row(
    {
      resourceType: "Condition",
      code: { text: name },
      ...(status
        ? {
            clinicalStatus: {
              coding: [
                {
                  system: "http://terminology.hl7.org/CodeSystem/condition-clinical",
                  code: status,
                },
              ],
            },
          }
        : {}),
      ...fields,
    },
    { status: status ?? null },
  );
const category = (code: string) => ({ category: [{ coding: [{ code }] }] });

describe("problems", () => {
  it("are current by clinical status whatever their category; no status is said as such", async () => {
    await openRecord("problems", [
      condition(
        "Hypertension",
        { ...category("encounter-diagnosis"), onsetDateTime: "2015-03-01" },
        "active",
      ),
      condition(
        "Asthma",
        { ...category("problem-list-item"), onsetDateTime: "2001-01-01" },
        "relapse",
      ),
      condition("Bronchitis", category("encounter-diagnosis"), "resolved"),
      condition("Back pain", category("problem-list-item")),
    ]);
    await screen.findByRole("heading", { level: 2, name: "Current problems" });
    expect(cardsUnder("Current problems")).toEqual(["Hypertension", "Asthma"]);
    expect(cardsUnder("Past problems")).toEqual(["Bronchitis"]);
    expect(cardsUnder("Status not recorded")).toEqual(["Back pain"]);
    const bronchitis = factsOf(
      screen.getByRole("heading", { level: 3, name: "Bronchitis" }).closest("li") as HTMLElement,
    );
    // Resolved with no date: the date is left out, not printed as "date not recorded".
    expect(bronchitis.has("Resolved")).toBe(false);
    expect(bronchitis.get("Status")).toBe("Resolved");
    const backPain = factsOf(
      screen.getByRole("heading", { level: 3, name: "Back pain" }).closest("li") as HTMLElement,
    );
    expect(backPain.get("Status")).toBe("Not recorded");
    await expectNoAxeViolations({ landmarks: false });
  });

  it.each([
    "more/llmonfhir-ElenaKim_Synthetic.json",
    "more/llmonfhir-WarnerHowell.json",
    "more/inferno-uscore_bundle_patient_355.json",
  ])("list every Condition of %s under the group of its clinicalStatus", async (file) => {
    const raw = fixtureResources(file).filter((r) => r.resourceType === "Condition");
    const statusOf = (r: Record<string, unknown>) =>
      (r.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
    const count = (codes: string[]) => raw.filter((r) => codes.includes(statusOf(r) ?? "")).length;
    await openRecord("problems", fixtureRows(file, ["Condition"]));
    await screen.findByRole("heading", { level: 2, name: "Current problems" });
    expect(cardsUnder("Current problems")).toHaveLength(count(["active", "recurrence", "relapse"]));
    expect(cardsUnder("Past problems")).toHaveLength(count(["inactive", "remission", "resolved"]));
    expect(screen.getAllByRole("heading", { level: 3 })).toHaveLength(raw.length);
    // The one count of problems (for the record page and home) is what the page lists.
    expect(await problemCount(device())).toBe(raw.length);
  });

  it("leave out, and do not count, a Condition entered in error", async () => {
    const verification = (code: string) => ({
      verificationStatus: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code }],
      },
    });
    await openRecord("problems", [
      condition("Gout", verification("confirmed"), "active"),
      condition("Gout (wrong patient)", verification("entered-in-error"), "active"),
    ]);
    await screen.findByRole("heading", { level: 2, name: "Current problems" });
    expect(cardsUnder("Current problems")).toEqual(["Gout"]);
    expect(await problemCount(device())).toBe(1);
  });
});

const request = (name: string, fields: Record<string, unknown>) =>
  row({
    resourceType: "MedicationRequest",
    status: "active",
    medicationCodeableConcept: { text: name },
    ...fields,
  });
const today = new Date().toISOString().slice(0, 10);

describe("medicines", () => {
  const medicines = () => [
    request("Metformin 500 mg", {
      authoredOn: today,
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 2, period: 1, periodUnit: "d" } },
          route: { coding: [{ system: "http://snomed.info/sct", code: "26643006" }] },
          doseAndRate: [{ doseQuantity: { value: 1, code: "{tbl}" } }],
        },
      ],
    }),
    request("Atenolol 50 mg", {
      authoredOn: "2004-06-15",
      dosageInstruction: [{ text: "Once daily" }],
    }),
    request("Amoxicillin", { status: "completed", authoredOn: "2020-01-01" }),
  ];

  it("keep an old prescription apart, with its year, and say a structured dose in words", async () => {
    await openRecord("medications", medicines());
    await screen.findByRole("heading", { level: 2, name: "Taking now" });
    expect(cardsUnder("Taking now")).toEqual(["Metformin 500 mg"]);
    const check = "Prescribed more than a year ago: check with your clinic";
    expect(cardsUnder(check)).toEqual(["Atenolol 50 mg"]);
    expect(cardsUnder("Stopped or finished")).toEqual(["Amoxicillin"]);
    const atenolol = screen
      .getByRole("heading", { level: 3, name: "Atenolol 50 mg" })
      .closest("li");
    expect(atenolol?.textContent).toContain(
      "Prescribed in 2004 — ask your clinic whether you still take this.",
    );
    const metformin = factsOf(
      screen
        .getByRole("heading", { level: 3, name: "Metformin 500 mg" })
        .closest("li") as HTMLElement,
    );
    expect(metformin.get("How to take it")).toBe("1 tablet twice a day, by mouth");
    // A fact not held is left out; the status of an active one is not "Taking now" any more.
    expect(factsOf(atenolol as HTMLElement).has("Prescribed by")).toBe(false);
    expect(factsOf(atenolol as HTMLElement).get("Status")).toBe("Active");
    await expectNoAxeViolations({ landmarks: false });
  });

  it.each([
    ["es", "Recetado en 2004: pregunte en su clínica si todavía lo toma."],
    ["ar", "وُصف في 2004 — اسأل عيادتك إن كنت لا تزال تتناوله."],
    ["vi", "Được kê năm 2004 — hãy hỏi phòng khám xem bạn còn dùng thuốc này không."],
    ["zh", "于2004年开具——请询问诊所您是否仍在服用。"],
  ] as const)("ask to check an old prescription in %s", async (locale, notice) => {
    await changeLocale(locale);
    await openRecord("medications", medicines());
    const atenolol = await screen.findByRole("heading", { level: 3, name: "Atenolol 50 mg" });
    const year = new Intl.NumberFormat(locale, { useGrouping: false }).format(2004);
    expect(atenolol.closest("li")?.querySelector(".record-caution")?.textContent).toBe(
      notice.replace("2004", year),
    );
  });

  it("of a deceased patient are never taken now", async () => {
    await openRecord("medications", [
      row({ resourceType: "Patient", deceasedDateTime: "2024-02-03" }),
      ...medicines(),
    ]);
    await screen.findByRole("heading", { level: 2, name: "Taking now" });
    expect(cardsUnder("Taking now")).toEqual([]);
    expect(screen.getByText("No medicine is recorded as taken now.")).toBeTruthy();
    expect(cardsUnder("Still marked as active in the record")).toEqual([
      "Metformin 500 mg",
      "Atenolol 50 mg",
    ]);
  });
});

describe("a deceased patient's record", () => {
  it("says so at the top, with the date of death from the record", async () => {
    const file = "more/synthea-smart-Fletcher_Hyatt.json";
    const patient = fixtureResources(file).find((r) => r.resourceType === "Patient");
    expect(patient?.deceasedDateTime).toBe("1996-01-21T19:20:06+00:00");
    await openRecord("", fixtureRows(file, ["Patient"]));
    const heading = await screen.findByRole("heading", { level: 2, name: "Recorded as deceased" });
    const notice = heading.closest("section") as HTMLElement;
    // A moment, not a calendar date: the day it was where the reader is (this suite also runs
    // in Los Angeles and Tokyo).
    const day = new Intl.DateTimeFormat("en", { dateStyle: "long" }).format(
      new Date("1996-01-21T19:20:06Z"),
    );
    expect(within(notice).getByText(/^Died on/).textContent).toBe(`Died on ${day}`);
    expect(notice.querySelector("time")).not.toBeNull();
    await expectNoAxeViolations({ landmarks: false });
  });

  it("says nothing of the kind for a living patient", async () => {
    await openRecord("", [row({ resourceType: "Patient", deceasedBoolean: false })]);
    await screen.findByRole("heading", { level: 2, name: "Parts of your record" });
    expect(screen.queryByText("Recorded as deceased")).toBeNull();
  });

  it("says recorded as deceased when the record gives no date", async () => {
    await openRecord("", [row({ resourceType: "Patient", deceasedBoolean: true })]);
    const heading = await screen.findByRole("heading", { level: 2, name: "Recorded as deceased" });
    expect(heading.closest("section")?.textContent).not.toContain("Died on");
  });
});

describe("blood pressure", () => {
  it("is systolic first, found by its LOINC code, even when the file lists diastolic first", async () => {
    const loinc = "http://loinc.org";
    const component = (code: string, display: string, value: number) => ({
      code: { coding: [{ system: loinc, code, display }] },
      valueQuantity: { value, unit: "mm[Hg]", system: "http://unitsofmeasure.org", code: "mm[Hg]" },
    });
    await openRecord("vitals", [
      row(
        {
          resourceType: "Observation",
          status: "final",
          code: { coding: [{ system: loinc, code: "85354-9", display: "Blood pressure panel" }] },
          effectiveDateTime: "2024-05-03T10:00:00Z",
          component: [
            component("8462-4", "Diastolic blood pressure", 80),
            component("8480-6", "Systolic blood pressure", 120),
          ],
        },
        {
          effectiveAt: "2024-05-03T10:00:00.000Z",
          codeSystem: loinc,
          code: "85354-9",
          category: "vital-signs",
        },
      ),
    ]);
    const name = await screen.findByRole("rowheader", { name: "Blood pressure panel" });
    const cell = name.closest("tr")?.querySelectorAll("td")[0];
    expect(cell?.textContent).toMatch(/^120\/80 /);
  });
});
