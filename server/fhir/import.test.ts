import { readFileSync } from "node:fs";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, patients, resources, users } from "../db/schema.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { roundTripProblems } from "../test/round-trip.ts";
import { FhirFileError } from "./bundle-reader.ts";
import { ImportRefusedError, type ImportReport, importFhirFile } from "./import.ts";
import type { FhirResource } from "./types.ts";

const bundle = (name: string) =>
  readFileSync(new URL(`./test-bundles/${name}.json`, import.meta.url), "utf8");

describe.each(testDatabaseKinds())("importing FHIR R4 on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const db = () => database.db;

  async function stored(patientId: string, type: string, sourceKey: string) {
    const [row] = await db()
      .select()
      .from(resources)
      .where(
        and(
          eq(resources.patientId, patientId),
          eq(resources.resourceType, type),
          eq(resources.sourceKey, sourceKey),
        ),
      );
    if (!row) throw new Error(`no ${type} ${sourceKey} for ${patientId}`);
    return row;
  }
  async function allRowIds(): Promise<Set<string>> {
    const rows = await db().select({ id: resources.id }).from(resources);
    return new Set(rows.map((r) => r.id));
  }
  async function tableCounts() {
    const [p] = await db().select({ n: count() }).from(patients);
    const [r] = await db().select({ n: count() }).from(resources);
    const [u] = await db().select({ n: count() }).from(users);
    const versions = await db()
      .select({ id: patients.id, v: patients.version })
      .from(patients)
      .orderBy(patients.id);
    return { patients: p?.n, resources: r?.n, users: u?.n, versions };
  }
  it("stamps the rows it writes with the caller's clock", async () => {
    const now = new Date("2001-02-03T04:05:06Z");
    const file = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { resource: { resourceType: "Patient", id: "clock-patient", name: [{ family: "Clock" }] } },
        {
          resource: {
            resourceType: "Observation",
            id: "clock-observation",
            status: "final",
            code: { text: "Clock check" },
            subject: { reference: "Patient/clock-patient" },
          },
        },
      ],
    };
    const report = await importFhirFile(db(), JSON.stringify(file), { now });
    const patientId = report.patients[0]?.id ?? "";
    const row = await stored(patientId, "Observation", "clock-observation");
    expect(row.updatedAt?.toISOString()).toBe(now.toISOString());
  });

  /** Imports, checks the round trip, re-imports and checks nothing changed. */
  async function importChecked(name: string, options = {}): Promise<ImportReport> {
    const text = bundle(name);
    const before = await allRowIds();
    const report = await importFhirFile(db(), text, options);
    const ids = report.patients.map((p) => p.id);
    expect(await roundTripProblems(db(), text, ids, before)).toEqual([]);
    const countsBefore = await tableCounts();
    const again = await importFhirFile(db(), text, options);
    expect(again.created).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBe(report.created + report.updated + report.unchanged);
    expect(await tableCounts()).toEqual(countsBefore);
    return report;
  }

  it("rewrites urn:uuid references to the stored ids", async () => {
    const report = await importChecked("urn-uuid");
    expect(report.patients).toHaveLength(1);
    const patientId = (report.patients[0] as { id: string }).id;
    expect(report.patients[0]).toMatchObject({
      name: "Ada Okoro",
      birthDate: "1985-07-21",
      outcome: "new",
    });
    expect(report).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      counts: { Patient: 1, Encounter: 1, Observation: 1 },
    });

    const patient = await stored(patientId, "Patient", "0b6a3f7e-8d1c-4c2e-9f4a-1e2d3c4b5a61");
    expect(patient.id).toBe(patientId); // the first Patient resource takes the record's id
    const encounter = await stored(patientId, "Encounter", "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
    const observation = await stored(
      patientId,
      "Observation",
      "9e8d7c6b-5a49-4382-a716-151413121110",
    );
    expect(observation.resource.id).toBe(observation.id);
    expect(observation.resource.subject).toEqual({ reference: `Patient/${patientId}` });
    expect(observation.resource.encounter).toEqual({ reference: `Encounter/${encounter.id}` });
    expect(encounter.resource.subject).toEqual({
      reference: `Patient/${patientId}`,
      display: "Ada Okoro",
    });
    expect(observation).toMatchObject({
      codeSystem: "http://loinc.org",
      code: "8867-4",
      category: "vital-signs",
      status: "final",
      effectiveAt: "2024-03-04T14:05:00.000Z",
    });
  });

  it("resolves conditional references inside the file and keeps the others, display and all", async () => {
    const report = await importChecked("conditional-references");
    const patientId = (report.patients[0] as { id: string }).id;
    const organization = await stored(
      patientId,
      "Organization",
      "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
    );
    const encounter = await stored(patientId, "Encounter", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    expect(encounter.resource.serviceProvider).toEqual({
      reference: `Organization/${organization.id}`,
      display: "Lakeside Clinic",
    });
    expect(encounter.resource.participant).toEqual([
      {
        individual: {
          reference: "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999912345",
          display: "Dr. Mara Quinn",
        },
      },
    ]);
    expect((encounter.resource.location as Array<{ location: unknown }>)[0]?.location).toEqual({
      reference: "Location?identifier=https://github.com/synthetichealth/synthea|loc-5",
      display: "LAKESIDE CLINIC MAIN",
    });
    // A partial birth date is kept as FHIR wrote it.
    const [row] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(row?.birthDate).toBe("1969");
  });

  it("resolves relative references and entries with no fullUrl, keeping what points outside", async () => {
    const report = await importChecked("relative-references");
    const patientId = (report.patients[0] as { id: string }).id;
    const condition = await stored(patientId, "Condition", "cond-1");
    expect(condition.resource.subject).toEqual({ reference: `Patient/${patientId}` });
    expect(condition.resource.asserter).toEqual({
      reference: "Practitioner/not-in-this-file",
      display: "Dr. Absent",
    });
    expect(condition.effectiveAt).toBe("2012-05");
    expect(condition.status).toBe("active");
    const peak1 = await stored(patientId, "Observation", "peak-1");
    const peak2 = await stored(patientId, "Observation", "peak-2");
    expect(peak1.resource.hasMember).toEqual([{ reference: `Observation/${peak2.id}` }]);
    expect(peak1.resource.derivedFrom).toEqual([
      { reference: "http://other.example.net/fhir/Observation/elsewhere" },
    ]);
    const [patient] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(patient?.sourceKeys).toEqual(["888"]);
  });

  it("a later file's relative reference finds what an earlier file stored", async () => {
    const text = JSON.stringify({
      resourceType: "Observation",
      id: "peak-3",
      status: "final",
      code: { text: "Peak expiratory flow" },
      subject: { reference: "Patient/888" },
      derivedFrom: [{ reference: "Observation/peak-2" }],
      valueQuantity: { value: 410, unit: "L/min" },
    });
    const report = await importFhirFile(db(), text);
    const patientId = (report.patients[0] as { id: string; outcome: string }).id;
    expect(report.patients[0]?.outcome).toBe("existing");
    const peak2 = await stored(patientId, "Observation", "peak-2");
    const peak3 = await stored(patientId, "Observation", "peak-3");
    expect(peak3.resource.subject).toEqual({ reference: `Patient/${patientId}` });
    expect(peak3.resource.derivedFrom).toEqual([{ reference: `Observation/${peak2.id}` }]);
  });

  it("keeps contained resources inside their parent and indexes a contained medication", async () => {
    const report = await importChecked("contained");
    const patientId = (report.patients[0] as { id: string }).id;
    const request = await stored(
      patientId,
      "MedicationRequest",
      "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b",
    );
    expect(request.resource.medicationReference).toEqual({ reference: "#med1" });
    expect((request.resource.contained as FhirResource[])[0]).toMatchObject({
      resourceType: "Medication",
      id: "med1",
    });
    expect(request).toMatchObject({
      code: "314076",
      codeSystem: "http://www.nlm.nih.gov/research/umls/rxnorm",
    });
    const claim = await stored(patientId, "Claim", "8f9a0b1c-2d3e-4f4a-9b5c-6d7e8f9a0b1c");
    expect(claim.resource.prescription).toEqual({ reference: `MedicationRequest/${request.id}` });
    expect(claim.resource.insurance).toEqual([
      { sequence: 1, focal: true, coverage: { reference: "#coverage" } },
    ]);
    // A reference inside a contained resource is rewritten like any other.
    expect((claim.resource.contained as FhirResource[])[0]?.beneficiary).toEqual({
      reference: `Patient/${patientId}`,
    });
  });

  it("takes several patients from one bundle, each with their own copy of shared resources", async () => {
    const report = await importChecked("several-patients");
    expect(report.patients.map((p) => p.name).sort()).toEqual(["Joao Silva", "Rosa Silva"]);
    const [rosa, joao] = ["Rosa Silva", "Joao Silva"].map(
      (name) => report.patients.find((p) => p.name === name)?.id as string,
    ) as [string, string];
    const orgKey = "c3c3c3c3-d4d4-4e5e-8f6f-a7a7a7a7a7a7";
    const rosaOrg = await stored(rosa, "Organization", orgKey);
    const joaoOrg = await stored(joao, "Organization", orgKey);
    expect(rosaOrg.id).not.toBe(joaoOrg.id);
    const rosaShot = await stored(rosa, "Immunization", "e1e1e1e1-f2f2-4a3a-9b4b-c5c5c5c5c5c5");
    const joaoShot = await stored(joao, "Immunization", "b9b9b9b9-c8c8-4d7d-8e6e-f5f5f5f5f5f5");
    expect(rosaShot.resource.patient).toEqual({ reference: `Patient/${rosa}` });
    expect(rosaShot.resource.performer).toEqual([
      { actor: { reference: `Organization/${rosaOrg.id}` } },
    ]);
    expect(joaoShot.resource.performer).toEqual([
      { actor: { reference: `Organization/${joaoOrg.id}` } },
    ]);
    await expect(
      importFhirFile(db(), bundle("several-patients"), { account: "rosa" }),
    ).rejects.toThrow(/--account links one patient, and this file has 2/);
  });

  it("applies PUT, conditional PUT and POST; reads and operations are skipped", async () => {
    const report = await importChecked("transaction-methods");
    const patientId = (report.patients[0] as { id: string }).id;
    expect(report.counts).toEqual({ Patient: 1, Observation: 3 });
    expect(report.skipped.map((s) => s.reason)).toEqual([
      "POST CodeSystem/$lookup calls an operation",
      "GET Observation?subject=Patient/p-77 is a read",
    ]);
    const obs3 = await stored(patientId, "Observation", "obs-3");
    expect(obs3.resource).toMatchObject({ status: "final", valueQuantity: { value: 4.1 } });
    const conditional = await stored(
      patientId,
      "Observation",
      "66666666-7777-4888-9999-aaaaaaaaaaaa",
    );
    expect(conditional.identifierKeys).toEqual(["https://lab.example/results|lab-2"]);
    const created = await stored(patientId, "Observation", "11111111-2222-4333-8444-555555555555");
    // ifNoneExist names an identifier the resource does not carry: it still recognises it.
    expect(created.identifierKeys).toEqual(["https://lab.example/results|lab-1"]);
  });

  it("resolves Type/id to the entry of that type and id, before or after it, when another file has the same person", async () => {
    const mrn = { system: "https://clinic.example/mrn", value: "QC-1" };
    const person = { name: [{ family: "Quality", given: ["Core"] }], birthDate: "1974-12-25" };
    // An earlier file knows this person, and their Patient, under another id.
    const first = await importFhirFile(
      db(),
      JSON.stringify({ resourceType: "Patient", id: "qc-old", identifier: [mrn], ...person }),
    );
    // As the Inferno US Quality Core bundle is written: no fullUrl, PUT urls, the Patient last
    // (and here with its id only in the PUT url).
    const text = JSON.stringify({
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          resource: {
            resourceType: "Observation",
            id: "qc-obs",
            status: "final",
            code: { text: "Weight" },
            subject: { reference: "Patient/qc-new" },
            performer: [{ reference: "Practitioner/qc-doc" }],
          },
          request: { method: "PUT", url: "Observation/qc-obs" },
        },
        {
          resource: { resourceType: "Practitioner", name: [{ family: "Doc" }] },
          request: { method: "PUT", url: "Practitioner/qc-doc" },
        },
        {
          resource: { resourceType: "Patient", identifier: [mrn], ...person, gender: "male" },
          request: { method: "PUT", url: "Patient/qc-new" },
        },
      ],
    });
    const before = await allRowIds();
    const report = await importFhirFile(db(), text);
    expect(report.patients.map((p) => [p.id, p.outcome])).toEqual([
      [first.patients[0]?.id, "existing"],
    ]);
    expect(await roundTripProblems(db(), text, [first.patients[0]?.id as string], before)).toEqual(
      [],
    );
    const observation = await stored(first.patients[0]?.id as string, "Observation", "qc-obs");
    const patient = await stored(first.patients[0]?.id as string, "Patient", "qc-new");
    const doc = await stored(first.patients[0]?.id as string, "Practitioner", "qc-doc");
    expect(observation.resource.subject).toEqual({ reference: `Patient/${patient.id}` });
    expect(observation.resource.performer).toEqual([{ reference: `Practitioner/${doc.id}` }]);
    expect(patient.resource.gender).toBe("male");
  });

  it("points an earlier file's reference at a resource when it arrives in a later file", async () => {
    const patient = { resourceType: "Patient", id: "late-p", name: [{ family: "Late" }] };
    const appointment = {
      resourceType: "Appointment",
      id: "late-appt",
      status: "booked",
      reasonReference: [{ reference: "Condition/late-c", display: "Burn" }],
      participant: [{ actor: { reference: "Patient/late-p" }, status: "accepted" }],
    };
    const first = await importFhirFile(
      db(),
      JSON.stringify({
        resourceType: "Bundle",
        type: "collection",
        entry: [{ resource: patient }, { resource: appointment }],
      }),
    );
    const patientId = first.patients[0]?.id as string;
    const before = await stored(patientId, "Appointment", "late-appt");
    expect(before.resource.reasonReference).toEqual([
      { reference: "Condition/late-c", display: "Burn" },
    ]);
    const condition = {
      resourceType: "Condition",
      id: "late-c",
      code: { text: "Burn" },
      subject: { reference: "Patient/late-p" },
    };
    const second = await importFhirFile(db(), JSON.stringify(condition));
    expect(second).toMatchObject({ created: 1, updated: 1 });
    const stored_ = await stored(patientId, "Condition", "late-c");
    const after = await stored(patientId, "Appointment", "late-appt");
    expect(after.resource.reasonReference).toEqual([
      { reference: `Condition/${stored_.id}`, display: "Burn" },
    ]);
    expect(after.version).toBeGreaterThan(before.version);
    expect(await importFhirFile(db(), JSON.stringify(condition))).toMatchObject({
      created: 0,
      updated: 0,
    });
  });

  it("refuses a file with two entries for one resource (FHIR-101), naming them, writing nothing", async () => {
    const observation = (value: number, id = "dup-1") => ({
      resource: {
        resourceType: "Observation",
        id,
        status: "final",
        code: { coding: [{ system: "http://loinc.org", code: "2823-3" }] },
        subject: { reference: "Patient/dup-p" },
        valueQuantity: { value, unit: "mmol/L" },
      },
      request: { method: "PUT", url: `Observation/${id}` },
    });
    const file = {
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        observation(4.0),
        { resource: { resourceType: "Patient", id: "dup-p", name: [{ family: "Dup" }] } },
        observation(4.1, "dup-2"),
        observation(4.2),
        // The id only in the PUT url: the same resource as entries 3 and 5.
        (() => {
          const { id: _id, ...resource } = observation(4.3, "dup-2").resource;
          return { resource, request: { method: "PUT", url: "Observation/dup-2" } };
        })(),
        observation(4.4),
      ],
    };
    const before = await tableCounts();
    const refused = await importFhirFile(db(), JSON.stringify(file)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FhirFileError);
    expect(refused).toMatchObject({
      code: "FHIR-101",
      message:
        "two entries hold the same resource (entries 1, 4, 6 are all Observation/dup-1; entries 3 and 5 are both Observation/dup-2); keep one of each and import again",
    });
    expect(await tableCounts()).toEqual(before);
    // One copy of each goes in.
    file.entry.splice(3, 3);
    expect(await importFhirFile(db(), JSON.stringify(file))).toMatchObject({ created: 3 });
  });

  it("turns DELETE entries into tombstones with a new version, never deleting a patient", async () => {
    const [before] = await db()
      .select()
      .from(patients)
      .where(sql`${patients.sourceKeys} @> array['p-77']`);
    const patientId = before?.id as string;
    const report = await importFhirFile(db(), bundle("transaction-deletes"));
    expect(report.deleted).toBe(2);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      "DELETE Patient/p-77: an import never deletes a patient's whole record",
      "PATCH Patient/p-77 cannot be replayed by an import",
    ]);
    const [after] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    const obs3 = await stored(patientId, "Observation", "obs-3");
    const lab2 = await stored(patientId, "Observation", "66666666-7777-4888-9999-aaaaaaaaaaaa");
    const lab1 = await stored(patientId, "Observation", "11111111-2222-4333-8444-555555555555");
    expect([obs3.deleted, lab2.deleted, lab1.deleted]).toEqual([true, true, false]);
    expect(obs3.version).toBe(after?.version);
    expect(lab1.version).toBeLessThan(after?.version ?? 0);
    // Sending them again brings them back.
    const again = await importFhirFile(db(), bundle("transaction-methods"));
    expect(again.updated).toBe(2);
    expect((await stored(patientId, "Observation", "obs-3")).deleted).toBe(false);
  });

  it("keeps base64 notes byte for byte", async () => {
    const report = await importChecked("base64-notes");
    const patientId = (report.patients[0] as { id: string }).id;
    const diagnostic = await stored(
      patientId,
      "DiagnosticReport",
      "a2a2a2a2-b3b3-4c4c-9d5d-e6e6e6e6e6e6",
    );
    const document = await stored(
      patientId,
      "DocumentReference",
      "f7f7f7f7-a8a8-4b9b-8c0c-d1d1d1d1d1d2",
    );
    const noteOf = (data: unknown) => Buffer.from(String(data), "base64").toString("utf8");
    const presented = (diagnostic.resource.presentedForm as Array<{ data: string }>)[0]?.data;
    const attached = (document.resource.content as Array<{ attachment: { data: string } }>)[0]
      ?.attachment.data;
    expect(noteOf(presented)).toContain("Chest tightness on exertion.");
    expect(attached).toBe(presented);
    expect((document.resource.context as { related: unknown }).related).toEqual([
      { reference: `DiagnosticReport/${diagnostic.id}` },
    ]);
  });

  it("keeps profiles, tags, complex and primitive extensions exactly", async () => {
    const text = bundle("profiles-extensions");
    const report = await importChecked("profiles-extensions");
    const patientId = (report.patients[0] as { id: string }).id;
    const row = await stored(patientId, "Patient", "ext-1");
    const { id: _id, ...source } = JSON.parse(text) as FhirResource;
    const { id, ...kept } = row.resource;
    expect(id).toBe(patientId);
    expect(kept).toEqual(source);
  });

  it("imports a searchset's matches and includes, and skips its outcome", async () => {
    const report = await importChecked("searchset");
    expect(report.counts).toEqual({ AllergyIntolerance: 1, Patient: 1 });
    expect(report.skipped).toEqual([
      { position: 3, reason: "a search outcome (OperationOutcome)" },
    ]);
    const patientId = (report.patients[0] as { id: string }).id;
    const allergy = await stored(patientId, "AllergyIntolerance", "ai-9");
    expect(allergy.resource.patient).toEqual({ reference: `Patient/${patientId}` });
    expect(allergy).toMatchObject({ status: "active", code: "716186003" });
  });

  it("matches a later export by identifier even when the source ids changed", async () => {
    const first = JSON.parse(bundle("urn-uuid")) as {
      entry: Array<{ fullUrl: string; resource: FhirResource }>;
    };
    const [patientEntry] = first.entry;
    const renamed = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        {
          resource: {
            ...patientEntry?.resource,
            id: "new-server-id",
            name: [{ family: "Okoro", given: ["Ada", "N."] }],
          },
        },
      ],
    };
    const report = await importFhirFile(db(), JSON.stringify(renamed));
    expect(report.patients).toHaveLength(1);
    expect(report.patients[0]).toMatchObject({ outcome: "existing", name: "Ada N. Okoro" });
    expect(report.updated).toBe(1);
  });

  it("refuses to merge two people: same source id, different record number", async () => {
    const impostor = {
      resourceType: "Patient",
      id: "888",
      identifier: [{ system: "https://clinic.example/mrn", value: "ZZZ-9" }],
      name: [{ family: "Other", given: ["Person"] }],
    };
    const first = await importFhirFile(
      db(),
      JSON.stringify({
        ...impostor,
        identifier: [{ system: "https://clinic.example/mrn", value: "R-888" }],
      }),
    );
    expect(first.patients[0]?.outcome).toBe("existing");
    const before = await tableCounts();
    await expect(importFhirFile(db(), JSON.stringify(impostor))).rejects.toThrow(
      ImportRefusedError,
    );
    await expect(importFhirFile(db(), JSON.stringify(impostor))).rejects.toThrow(
      /refusing to merge two people/,
    );
    expect(await tableCounts()).toEqual(before);
  });

  it("imports nothing from a file it cannot take", async () => {
    const before = await tableCounts();
    for (const text of [
      "{ not json",
      JSON.stringify({ hello: "world" }),
      JSON.stringify({ resourceType: "ProcedureRequest", id: "stu3" }),
      JSON.stringify({ resourceType: "Bundle", type: "history", entry: [] }),
      JSON.stringify({
        resourceType: "Bundle",
        type: "collection",
        entry: [
          { resource: { resourceType: "Patient", id: "fine" } },
          { resource: { resourceType: "Condition", clinicalStatus: "active" } },
        ],
      }),
    ]) {
      await expect(importFhirFile(db(), text)).rejects.toThrow(FhirFileError);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("rolls the whole file back when the database fails half-way through", async () => {
    // A trigger that fails on one particular resource, after the patient and others are written.
    await db().execute(sql`
      create or replace function hearth_test_fail() returns trigger language plpgsql as $$
      begin
        if new.resource->'code'->>'text' = 'fail here' then raise exception 'test failure'; end if;
        return new;
      end $$`);
    await db().execute(sql`
      create trigger hearth_test_fail before insert on resources
      for each row execute function hearth_test_fail()`);
    try {
      const before = await tableCounts();
      const file = {
        resourceType: "Bundle",
        type: "collection",
        entry: [
          {
            resource: { resourceType: "Patient", id: "rollback-1", name: [{ family: "Rollback" }] },
          },
          ...Array.from({ length: 450 }, (_, i) => ({
            resource: {
              resourceType: "Observation",
              id: `rb-${i}`,
              status: "final",
              code: { text: i === 449 ? "fail here" : "fine" },
              subject: { reference: "Patient/rollback-1" },
            },
          })),
        ],
      };
      const error = await importFhirFile(db(), JSON.stringify(file)).catch((e: Error) => e);
      expect(String((error as Error).cause ?? error)).toMatch(/test failure/);
      expect(await tableCounts()).toEqual(before);
    } finally {
      await db().execute(sql`drop trigger hearth_test_fail on resources`);
    }
  });

  it("links the file's patient to an account, creating the account if needed", async () => {
    const report = await importFhirFile(db(), bundle("base64-notes"), { account: "Omar.H" });
    expect(report.patients[0]).toMatchObject({
      name: "Omar Haddad",
      account: "omar.h",
      outcome: "existing",
    });
    expect(report.accountCreated).toBe("omar.h");
    const [user] = await db().select().from(users).where(eq(users.username, "omar.h"));
    expect(user).toMatchObject({ role: "patient", displayName: "Omar Haddad", passwordHash: "!" });
    expect(user?.usernameSkeleton).toBe("ornar.h");
    // A look-alike of it (Cyrillic "о") is refused, not made a second account.
    await expect(
      importFhirFile(db(), bundle("base64-notes"), { account: "\u043Emar.h" }),
    ).rejects.toThrow(/looks like the existing account "omar.h"/);
    const [patient] = await db()
      .select()
      .from(patients)
      .where(eq(patients.accountId, user?.id ?? ""));
    expect(patient?.id).toBe(report.patients[0]?.id);
    // A file that names no patient goes into the account's record.
    const org = JSON.stringify({
      resourceType: "Organization",
      id: "org-omar",
      name: "Omar's clinic",
    });
    const orgReport = await importFhirFile(db(), org, { account: "omar.h" });
    expect(orgReport.accountCreated).toBeNull();
    expect(orgReport.patients.map((p) => p.id)).toEqual([patient?.id]);
    expect(orgReport.directory).toBe(0);
    // Someone else's record cannot be linked to it.
    await expect(importFhirFile(db(), bundle("urn-uuid"), { account: "omar.h" })).rejects.toThrow(
      /already holds the record of Omar Haddad/,
    );
    // Nor can a staff account become a patient's.
    await db()
      .insert(users)
      .values({ username: "nurse", displayName: "N", role: "clinician", passwordHash: "!" });
    await expect(importFhirFile(db(), bundle("searchset"), { account: "nurse" })).rejects.toThrow(
      /is a clinician account/,
    );
  });

  it("keeps a file that names no patient as directory entries, once", async () => {
    const practitioner = JSON.stringify({
      resourceType: "Practitioner",
      id: "dir-1",
      identifier: [{ system: "http://hl7.org/fhir/sid/us-npi", value: "9999977777" }],
      name: [{ family: "Directory" }],
    });
    const first = await importFhirFile(db(), practitioner);
    expect(first).toMatchObject({ patients: [], directory: 1, created: 1 });
    const second = await importFhirFile(db(), practitioner);
    expect(second).toMatchObject({ directory: 1, created: 0, unchanged: 1 });
    const rows = await db().select().from(resources).where(eq(resources.sourceKey, "dir-1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ patientId: null, version: 0 });
  });

  it("bumps a patient's version once per import that changes it, stamping the rows and auditing", async () => {
    const text = bundle("contained");
    const [patient] = await db()
      .select()
      .from(patients)
      .where(sql`${patients.sourceKeys} @> array['7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a']`);
    const patientId = patient?.id as string;
    const importEvents = () =>
      db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, "record.import")))
        .orderBy(auditEvents.at);
    const eventsBefore = (await importEvents()).length;

    const unchanged = await importFhirFile(db(), text);
    expect(unchanged.updated + unchanged.created).toBe(0);
    const [same] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(same?.version).toBe(patient?.version);
    expect(await importEvents()).toHaveLength(eventsBefore);

    const changed = text.replace('"authoredOn": "2022-08-15"', '"authoredOn": "2022-08-16"');
    const report = await importFhirFile(db(), changed);
    expect(report).toMatchObject({ updated: 1, created: 0 });
    const [after] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(after?.version).toBe((patient?.version ?? 0) + 1);
    const request = await stored(
      patientId,
      "MedicationRequest",
      "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b",
    );
    expect(request.version).toBe(after?.version);
    expect(request.resource.authoredOn).toBe("2022-08-16");
    // A calendar date, kept as written, so no time zone can move it to the day before.
    expect(request.effectiveAt).toBe("2022-08-16");
    const claim = await stored(patientId, "Claim", "8f9a0b1c-2d3e-4f4a-9b5c-6d7e8f9a0b1c");
    expect(claim.version).toBeLessThan(after?.version ?? 0);
    // The change is in the audit log, under the patient, with no user behind it.
    const events = await importEvents();
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: null,
      outcome: "success",
      details: { version: after?.version, created: 0, updated: 1, deleted: 0 },
    });
  });
});
