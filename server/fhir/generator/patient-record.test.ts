import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../db/open.ts";
import { openTestDatabase, testDatabaseKinds } from "../../test/database.ts";
import { roundTripProblems } from "../../test/round-trip.ts";
import { readFhirFile } from "../bundle-reader.ts";
import { importFhirFile } from "../import.ts";
import { forEachReference } from "../references.ts";
import type { FhirResource } from "../types.ts";
import { demoPatients, largePatient } from "./demo-patients.ts";
import { generatePatientRecord } from "./patient-record.ts";

const resourcesOf = (options: Parameters<typeof generatePatientRecord>[0]) =>
  (generatePatientRecord(options).entry ?? []).map((e) => e.resource as FhirResource);
const codeOf = (r: FhirResource) =>
  (r.code as { coding: Array<{ code: string }> } | undefined)?.coding[0]?.code;
const typeCodeOf = (r: FhirResource) =>
  (r.type as Array<{ coding: Array<{ code: string }> }> | undefined)?.[0]?.coding[0]?.code;
const ana = resourcesOf(demoPatients.ana);

describe("generatePatientRecord", () => {
  it("is deterministic: the same seed gives the same bundle, another seed another", () => {
    const again = JSON.stringify(generatePatientRecord(demoPatients.ana));
    expect(again).toBe(JSON.stringify(generatePatientRecord(demoPatients.ana)));
    expect(again).not.toBe(
      JSON.stringify(generatePatientRecord({ ...demoPatients.ana, seed: 99 })),
    );
  });

  it("writes a transaction Bundle the way exports do, every reference inside it", () => {
    const bundle = generatePatientRecord(demoPatients.ana);
    expect(bundle.type).toBe("transaction");
    const urls = new Set<string>();
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
      expect(entry.request).toEqual({ method: "POST", url: entry.resource?.resourceType });
      urls.add(entry.fullUrl as string);
    }
    for (const resource of ana) {
      forEachReference(resource, (ref) => expect(urls.has(ref.reference)).toBe(true));
    }
    expect(() => readFhirFile(JSON.stringify(bundle))).not.toThrow();
  });

  it("gives Ana years of diabetes care: A1c falling after diagnosis, with ranges and flags", () => {
    const a1c = ana
      .filter((r) => r.resourceType === "Observation" && codeOf(r) === "4548-4")
      .map((r) => ({
        at: r.effectiveDateTime as string,
        value: (r.valueQuantity as { value: number }).value,
        range: r.referenceRange,
        flag: (r.interpretation as Array<{ coding: Array<{ code: string }> }>)[0]?.coding[0]?.code,
      }));
    expect(a1c.length).toBeGreaterThanOrEqual(14);
    const years =
      (Date.parse(a1c.at(-1)?.at ?? "") - Date.parse(a1c[0]?.at ?? "")) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(3);
    expect(a1c[0]?.value).toBeGreaterThan(8);
    const later = a1c.slice(4).map((r) => r.value);
    expect(later.reduce((a, b) => a + b, 0) / later.length).toBeLessThan(7.6);
    for (const r of a1c) {
      expect(r.value).toBeGreaterThan(5);
      expect(r.value).toBeLessThan(11);
      expect(r.range).toEqual([
        {
          low: { value: 4, unit: "%", system: "http://unitsofmeasure.org", code: "%" },
          high: { value: 5.6, unit: "%", system: "http://unitsofmeasure.org", code: "%" },
        },
      ]);
      expect(r.flag).toBe(r.value > 5.6 ? "H" : "N");
    }
  });

  it("has lab panels as DiagnosticReports with results and a plain-text report", () => {
    const lipid = ana.find(
      (r) => r.resourceType === "DiagnosticReport" && codeOf(r) === "57698-3",
    ) as FhirResource;
    expect((lipid.result as unknown[]).length).toBe(4);
    const form = (lipid.presentedForm as Array<{ contentType: string; data: string }>)[0];
    expect(form?.contentType).toBe("text/plain; charset=utf-8");
    expect(Buffer.from(form?.data ?? "", "base64").toString()).toMatch(
      /Cholesterol in LDL .*: \d+ mg\/dL \(reference below 100 mg\/dL\)/,
    );
  });

  it("has vital signs, blood pressure as components", () => {
    const bp = ana.find(
      (r) => r.resourceType === "Observation" && codeOf(r) === "85354-9",
    ) as FhirResource;
    const components = bp.component as Array<{
      code: { coding: Array<{ code: string }> };
      valueQuantity: { value: number };
    }>;
    expect(components.map((c) => c.code.coding[0]?.code)).toEqual(["8480-6", "8462-4"]);
    expect(components[0]?.valueQuantity.value).toBeGreaterThan(
      components[1]?.valueQuantity.value ?? 0,
    );
    for (const code of ["8867-4", "29463-7", "8302-2", "39156-5", "72166-2"]) {
      expect(ana.some((r) => r.resourceType === "Observation" && codeOf(r) === code)).toBe(true);
    }
  });

  it("has problems, medications started and changed, immunizations, a care plan and notes", () => {
    const conditions = ana.filter((r) => r.resourceType === "Condition").map(codeOf);
    expect(conditions).toContain("44054006");
    const meds = ana.filter((r) => r.resourceType === "MedicationRequest").map((r) => r.status);
    expect(meds).toEqual(["stopped", "active", "active"]);
    expect(ana.filter((r) => r.resourceType === "MedicationStatement")).toHaveLength(1);
    const flu = ana.filter(
      (r) =>
        r.resourceType === "Immunization" &&
        (r.vaccineCode as { coding: Array<{ code: string }> }).coding[0]?.code === "140",
    );
    expect(flu.length).toBeGreaterThanOrEqual(3);
    expect(ana.filter((r) => r.resourceType === "ImmunizationRecommendation")).toHaveLength(1);
    expect(ana.filter((r) => r.resourceType === "CarePlan")).toHaveLength(1);
    const notes = ana.filter((r) => r.resourceType === "DocumentReference");
    // One note a clinic visit; a visit for a cold between them has none.
    const visits = ana.filter(
      (r) => r.resourceType === "Encounter" && typeCodeOf(r) !== "185345009",
    );
    expect(notes.length).toBe(visits.length);
    const attachment = (
      notes[1]?.content as Array<{ attachment: { data: string } }> | undefined
    )?.[0]?.attachment;
    const text = Buffer.from(attachment?.data ?? "", "base64").toString();
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}\n\n# Chief complaint\n/);
    expect(text).toContain("# Assessment and plan");
  });

  it("writes 'no known allergies' as a coded allergy, and real allergies with reactions", () => {
    const none = ana.filter((r) => r.resourceType === "AllergyIntolerance");
    expect(none.map(codeOf)).toEqual(["716186003"]);
    const walter = resourcesOf(demoPatients.others[0]).filter(
      (r) => r.resourceType === "AllergyIntolerance",
    );
    expect(walter).toHaveLength(1);
    expect(walter[0]).toMatchObject({ category: ["medication"], criticality: "high" });
    expect(codeOf(walter[0] as FhirResource)).toBe("764146007");
    expect(walter[0]?.reaction).toHaveLength(1);
  });

  it("makes large patients for benchmarks: over ten years and 5,000 observations", () => {
    const big = resourcesOf(largePatient(1));
    const observations = big.filter((r) => r.resourceType === "Observation");
    expect(observations.length).toBeGreaterThan(5000);
    const dates = observations
      .map((r) => Date.parse(r.effectiveDateTime as string))
      .sort((a, b) => a - b);
    expect(((dates.at(-1) ?? 0) - (dates[0] ?? 0)) / (365.25 * 86_400_000)).toBeGreaterThan(10);
  });
});

describe.each(testDatabaseKinds())("a generated record on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it.each([demoPatients.ana, ...demoPatients.others])(
    "imports and exports $given $family unchanged",
    async (options) => {
      const text = JSON.stringify(generatePatientRecord(options));
      const report = await importFhirFile(database.db, text);
      expect(report.patients).toHaveLength(1);
      expect(report.patients[0]?.name).toBe(`${options.given} ${options.family}`);
      expect(
        await roundTripProblems(database.db, text, [report.patients[0]?.id as string]),
      ).toEqual([]);
    },
  );
});
