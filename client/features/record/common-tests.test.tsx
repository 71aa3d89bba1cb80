// Search, names and the A–Z list by the table of common tests (ADR 27), in all five languages,
// over a generated record (server/fhir/generator) and a Synthea export read in place from
// ../shared/fixtures, made into device rows with the server's own index columns.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { render, screen } from "@solidjs/testing-library";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { largePatient } from "../../../server/fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../../../server/fhir/generator/patient-record.ts";
import { indexColumnsOf } from "../../../server/fhir/index-columns.ts";
import type { FhirResource } from "../../../server/fhir/types.ts";
import type { Locale } from "../../../shared/locales/index.ts";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import type { DeviceResource, UserDatabase } from "../../local/user-database.ts";
import { deviceWith, labResult } from "../../test/record-rows.ts";
import { patientId, row } from "../../test/resource-row.ts";
import { plainNameOf } from "./common-tests.ts";
import { type Found, searchDevice, searchRecord } from "./record-search.ts";
import { recordTests, testsByLetter } from "./test-index.ts";
import { TestHeading, TestName } from "./test-names.tsx";

beforeAll(() => loadNamespaces(["record", "tests"]));

/** Device rows for every resource of a bundle, with the index columns the server derives. */
function rowsOf(bundle: { entry?: Array<{ resource?: FhirResource }> }): DeviceResource[] {
  return (bundle.entry ?? []).flatMap(({ resource }) => {
    if (!resource || resource.resourceType === "Patient") return [];
    const columns = indexColumnsOf(resource);
    return [
      row(resource, {
        ...columns,
        id: String(resource.id),
        effectiveAt: columns.effectiveAt,
      }),
    ];
  });
}

/** A fixture file, read in place (jsdom's import.meta.url is not a file URL: from the repo root). */
function fixtureFile(path: string) {
  return JSON.parse(readFileSync(resolve(process.cwd(), "../shared/fixtures/fhir", path), "utf8"));
}

const generated = rowsOf(generatePatientRecord(largePatient(4242, 3)));
const fixture = rowsOf(fixtureFile("synthea/Neva_Hyatt_e6a7ccbf-70a6-45c8-905a-5f55a98c3a4f.json"));

/** The LOINC codes of the tests a search finds. */
function foundCodes(found: Found[]): string[] {
  return found.flatMap((item) => (item.kind === "result" ? item.codes : []));
}

const sugar = ["2345-7", "2339-0", "4548-4"];
const kidney = ["2160-0", "38483-4", "33914-3"];
const thyroid = ["3016-3"];
const cholesterol = ["2093-3"];

/** In each language, words a patient might type, and the tests they must find. */
const searches: Record<Locale, Array<[string, string[]]>> = {
  en: [
    ["thyroid", thyroid],
    ["TSH", thyroid],
    ["sugar", sugar],
    ["kidney", kidney],
    ["cholesterol", cholesterol],
  ],
  es: [
    ["tiroides", thyroid],
    ["azúcar", sugar],
    ["riñón", kidney],
    ["rinon", kidney],
    ["colesterol", cholesterol],
  ],
  ar: [
    ["الغدة الدرقية", thyroid],
    ["سكر", sugar],
    ["الكلى", kidney],
    ["كلى", kidney],
    ["كوليسترول", cholesterol],
  ],
  vi: [
    ["tuyến giáp", thyroid],
    ["đường huyết", sugar],
    ["duong huyet", sugar],
    ["thận", kidney],
    ["mỡ máu", cholesterol],
  ],
  zh: [
    ["甲状腺", thyroid],
    ["血糖", sugar],
    ["肾", kidney],
    ["胆固醇", cholesterol],
  ],
};

describe.each(Object.keys(searches) as Locale[])("searching in %s", (locale) => {
  // The setup goes back to English after every test.
  beforeEach(() => changeLocale(locale));

  it.each(searches[locale])("finds the tests %s means in the generated record", (query, codes) => {
    const found = foundCodes(searchRecord(generated, query, {}));
    expect(found.filter((code) => codes.includes(code)).length).toBeGreaterThan(0);
    // Nothing unrelated: the blood count is not what anyone of these words means.
    expect(found).not.toContain("718-7");
  });

  it.each(searches[locale].filter(([, codes]) => codes !== thyroid))(
    "finds the tests %s means in a Synthea record",
    (query, codes) => {
      const found = foundCodes(searchRecord(fixture, query, {}));
      expect(found.filter((code) => codes.includes(code)).length).toBeGreaterThan(0);
      expect(found).not.toContain("718-7");
    },
  );

  it("does not find a test by another language's words", () => {
    const other = locale === "es" ? "甲状腺" : "tiroides";
    expect(foundCodes(searchRecord(generated, other, {}))).not.toContain("3016-3");
  });
});

describe("searching for a medicine", () => {
  let db: UserDatabase | undefined;
  afterEach(() => db?.close());

  it("finds one given by medicationReference by the Medication's name", async () => {
    const medication = row(
      {
        resourceType: "Medication",
        code: {
          coding: [
            {
              system: "http://www.nlm.nih.gov/research/umls/rxnorm",
              code: "860975",
              display: "Metformin 500 MG Oral Tablet",
            },
          ],
        },
      },
      { id: "med-1" },
    );
    const request = row(
      {
        resourceType: "MedicationRequest",
        status: "active",
        medicationReference: { reference: "Medication/med-1" },
        authoredOn: "2024-03-01",
      },
      { effectiveAt: "2024-03-01T00:00:00.000Z", status: "active" },
    );
    db = await deviceWith([medication, request]);
    const found = await searchDevice({ db, patientId }, "metformin", {});
    expect(found?.map((item) => [item.kind, item.id, item.name])).toEqual([
      ["medication", request.id, "Metformin 500 MG Oral Tablet"],
    ]);
  });

  it("finds one given by a contained Medication (a fixture from another system)", () => {
    const bundle = fixtureFile("more/inferno-dtr_bundle_patient_pat015.json");
    const request = (bundle.entry as Array<{ resource: FhirResource }>).find(
      (entry) => entry.resource.resourceType === "MedicationRequest",
    )?.resource;
    const contained = (request?.contained as Array<{ id: string; code: unknown }>)?.[0];
    const name = JSON.stringify(contained?.code).match(/"(?:text|display)":"([^"]+)"/)?.[1];
    if (!name) throw new Error("the fixture's contained medicine has no name");
    const word = name.split(/\s+/)[0] ?? "";
    const found = searchRecord(rowsOf(bundle), word, {});
    expect(found.map((item) => item.kind)).toContain("medication");
  });
});

describe("a test's names", () => {
  const tsh = labResult("3016-3", "TSH SerPl-aCnc", 2.1, "2024-05-03T10:00:00Z");

  it("titles a test's page by its plain name, with the clinic's name beneath", async () => {
    await changeLocale("en");
    render(() => (
      <TestHeading resource={tsh.resource}>
        <p>history</p>
      </TestHeading>
    ));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "Thyroid stimulating hormone (TSH)",
    );
    expect(screen.getByText("TSH SerPl-aCnc").closest("p")?.textContent).toBe(
      "Called by your clinic: TSH SerPl-aCnc",
    );
    expect(screen.getByText("TSH SerPl-aCnc").getAttribute("lang")).toBe("en");
  });

  it("titles it in the reader's language", async () => {
    await changeLocale("ar");
    render(() => (
      <TestHeading resource={tsh.resource}>
        <p>history</p>
      </TestHeading>
    ));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "الهرمون المنبه للغدة الدرقية (TSH)",
    );
    expect(screen.getByText("TSH SerPl-aCnc").tagName).toBe("BDI");
    await changeLocale("en");
  });

  it("keeps the clinic's name as the title of a test the table does not know", () => {
    const odd = labResult("99999-9", "Local special test", 1, "2024-05-03T10:00:00Z");
    render(() => (
      <TestHeading resource={odd.resource}>
        <p>history</p>
      </TestHeading>
    ));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Local special test");
    expect(screen.queryByText(/Called by your clinic/)).toBeNull();
  });

  it("shows both names in a list", () => {
    render(() => <TestName plain={plainNameOf(tsh.resource)} clinic="TSH SerPl-aCnc" />);
    expect(document.body.textContent).toBe(
      "Thyroid stimulating hormone (TSH)Called by your clinic: TSH SerPl-aCnc",
    );
  });

  it("names a code given in a second coding, or by LOINC's OID", () => {
    expect(
      plainNameOf({
        code: {
          coding: [
            { system: "urn:local", code: "GLU" },
            { system: "urn:oid:2.16.840.1.113883.6.1", code: "2345-7" },
          ],
        },
      }),
    ).toBe("Blood sugar (glucose)");
    expect(plainNameOf({ code: { coding: [{ system: "urn:local", code: "2345-7" }] } })).toBe(
      undefined,
    );
  });
});

describe("the A–Z list of tests", () => {
  const tests = recordTests(fixture);

  it("lists each test of the record once, not vital signs", () => {
    const keys = tests.map((test) => test.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tests.some((test) => test.codes.includes("2339-0"))).toBe(true);
    expect(tests.some((test) => test.codes.includes("8867-4"))).toBe(false);
  });

  it("opens each test at its newest result", () => {
    const glucose = tests.find((test) => test.codes.includes("2339-0"));
    const newest = fixture
      .filter((r) => r.code === "2339-0")
      .sort((a, b) => (b.effectiveAt ?? "").localeCompare(a.effectiveAt ?? ""))[0];
    expect(glucose?.id).toBe(newest?.id);
  });

  it.each(["en", "es", "ar", "vi", "zh"] as const)(
    "sorts by the plain name in %s, under its letters",
    async (locale) => {
      await changeLocale(locale);
      const groups = testsByLetter(tests, locale);
      const labels = groups.flatMap((group) => group.tests.map((test) => test.label));
      expect(labels.length).toBe(tests.length);
      // Every plain name is in the reader's language, not the lab's English.
      const glucose = groups.flatMap((g) => g.tests).find((t) => t.codes.includes("2339-0"));
      expect(glucose?.plain).toBe(
        {
          en: "Blood sugar (glucose)",
          es: "Azúcar en sangre (glucosa)",
          ar: "سكر الدم (الغلوكوز)",
          vi: "Đường huyết (glucose)",
          zh: "血糖（葡萄糖）",
        }[locale],
      );
      const letters = groups.map((group) => group.letter);
      expect(new Set(letters).size).toBe(letters.length);
      await changeLocale("en");
    },
  );

  it("files names by each language's letters", () => {
    const named = (...labels: string[]) =>
      labels.map((name, i) => ({ key: String(i), id: String(i), name, codes: [] }));
    const letters = (locale: Locale, ...labels: string[]) =>
      testsByLetter(named(...labels), locale).map((group) => [
        group.letter,
        group.tests.map((test) => test.label),
      ]);
    expect(letters("en", "zinc", "Albumin", "écho", "25-OH")).toEqual([
      [undefined, ["25-OH"]],
      ["A", ["Albumin"]],
      ["E", ["écho"]],
      ["Z", ["zinc"]],
    ]);
    expect(letters("es", "Ñame", "Nitritos", "Orina")).toEqual([
      ["N", ["Nitritos"]],
      ["Ñ", ["Ñame"]],
      ["O", ["Orina"]],
    ]);
    expect(letters("vi", "Đường", "Dạ dày", "Ấm", "Axit")).toEqual([
      ["A", ["Axit"]],
      ["Â", ["Ấm"]],
      ["D", ["Dạ dày"]],
      ["Đ", ["Đường"]],
    ]);
    expect(letters("ar", "الكلى", "بول", "كالسيوم")).toEqual([
      ["ب", ["بول"]],
      ["ك", ["كالسيوم", "الكلى"]],
    ]);
    expect(letters("zh", "血糖", "肾功能", "甲状腺", "C肽")).toEqual([
      ["C", ["C肽"]],
      ["J", ["甲状腺"]],
      ["S", ["肾功能"]],
      ["X", ["血糖"]],
    ]);
  });
});
