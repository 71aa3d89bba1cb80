import { describe, expect, it } from "vitest";
import { FhirFileError, readFhirFile } from "./bundle-reader.ts";

const json = (value: unknown) => JSON.stringify(value);

describe("readFhirFile", () => {
  it("takes a single resource as a one-entry file", () => {
    const file = readFhirFile(json({ resourceType: "Observation", id: "x", status: "final" }));
    expect(file.description).toBe("Observation");
    expect(file.entries).toHaveLength(1);
    expect(file.entries[0]?.resource.id).toBe("x");
  });

  it.each(["transaction", "batch", "collection", "searchset", "document"])(
    "takes a %s Bundle",
    (type) => {
      const file = readFhirFile(
        json({ resourceType: "Bundle", type, entry: [{ resource: { resourceType: "Patient" } }] }),
      );
      expect(file.description).toBe(`${type} Bundle`);
      expect(file.entries).toHaveLength(1);
    },
  );

  it("takes an empty Bundle and a file that starts with a byte-order mark", () => {
    expect(readFhirFile(json({ resourceType: "Bundle", type: "collection" })).entries).toEqual([]);
    expect(readFhirFile(`\uFEFF${json({ resourceType: "Patient" })}`).entries).toHaveLength(1);
  });

  it("sorts entries into resources, deletes and skipped reads", () => {
    const file = readFhirFile(
      json({
        resourceType: "Bundle",
        type: "transaction",
        entry: [
          {
            fullUrl: "urn:uuid:1",
            resource: { resourceType: "Patient" },
            request: { method: "POST", url: "Patient", ifNoneExist: "identifier=a|b" },
          },
          {
            resource: { resourceType: "Patient", id: "2" },
            request: { method: "put", url: "Patient/2" },
          },
          { request: { method: "DELETE", url: "Observation/9" } },
          { request: { method: "GET", url: "Patient?name=x" } },
          {
            resource: { resourceType: "Parameters" },
            request: { method: "POST", url: "Patient/$everything" },
          },
        ],
      }),
    );
    expect(file.entries.map((e) => [e.position, e.fullUrl, e.requestUrl, e.ifNoneExist])).toEqual([
      [1, "urn:uuid:1", "Patient", "identifier=a|b"],
      [2, undefined, "Patient/2", undefined],
    ]);
    expect(file.deletes).toEqual([{ position: 3, url: "Observation/9" }]);
    expect(file.skipped.map((s) => s.position)).toEqual([4, 5]);
  });

  const refused: Array<[string, string, RegExp]> = [
    ["text that is not JSON", "Patient: Ana", /^not JSON/],
    ["an empty file", "", /^not JSON/],
    ["JSON that is not FHIR", json({ name: "Ana" }), /^not FHIR: the file has no resourceType/],
    ["a list", json([{ resourceType: "Patient" }]), /^not FHIR/],
    [
      "an unknown resource type",
      json({ resourceType: "Spaceship" }),
      /unknown resourceType "Spaceship"/,
    ],
    [
      "a STU3 resource type",
      json({ resourceType: "ProcedureRequest" }),
      /^not FHIR R4: the file is a ProcedureRequest, a resource of FHIR STU3/,
    ],
    [
      "a DSTU2 resource type in a Bundle",
      json({
        resourceType: "Bundle",
        type: "collection",
        entry: [{ resource: { resourceType: "MedicationOrder" } }],
      }),
      /^not FHIR R4: entry 1 is a MedicationOrder, a resource of FHIR DSTU2/,
    ],
    ["an R5 resource type", json({ resourceType: "MedicationUsage" }), /FHIR R5/],
    [
      "a STU3 Condition",
      json({
        resourceType: "Condition",
        clinicalStatus: "active",
        subject: { reference: "Patient/1" },
      }),
      /looks like FHIR STU3 or DSTU2: clinicalStatus is a plain code/,
    ],
    [
      "a STU3 Immunization",
      json({ resourceType: "Immunization", notGiven: false }),
      /looks like FHIR STU3/,
    ],
    [
      "an R5 Encounter",
      json({ resourceType: "Encounter", class: [{ text: "ambulatory" }] }),
      /looks like FHIR R5/,
    ],
    [
      "a history Bundle",
      json({ resourceType: "Bundle", type: "history" }),
      /a "history" Bundle carries no record to import/,
    ],
    ["a Bundle without a type", json({ resourceType: "Bundle" }), /a Bundle without a type/],
    [
      "an entry that is not an object",
      json({ resourceType: "Bundle", type: "batch", entry: [3] }),
      /entry 1 is not an object/,
    ],
    [
      "a POST without a resource",
      json({
        resourceType: "Bundle",
        type: "batch",
        entry: [{ request: { method: "POST", url: "Patient" } }],
      }),
      /entry 1 is a POST without a resource/,
    ],
    [
      "a contained resource from STU3",
      json({ resourceType: "Claim", contained: [{ resourceType: "EligibilityRequest" }] }),
      /a resource contained in the file is a EligibilityRequest/,
    ],
    [
      "a NUL character",
      json({ resourceType: "Patient", name: [{ text: "A\u0000B" }] }),
      /NUL character/,
    ],
  ];
  it.each(refused)("refuses %s with a message that says why", (_what, text, message) => {
    expect(() => readFhirFile(text)).toThrow(FhirFileError);
    expect(() => readFhirFile(text)).toThrow(message);
  });

  it("keeps odd but valid R4 as it is", () => {
    const odd = {
      resourceType: "Condition",
      clinicalStatus: { coding: [{ code: "active" }] },
      extension: [{ url: "http://example.org/unknown", valueString: "kept" }],
      _recordedDate: { extension: [{ url: "http://example.org/x", valueBoolean: true }] },
      someVendorField: 1,
    };
    expect(readFhirFile(json(odd)).entries[0]?.resource).toEqual(odd);
  });
});
