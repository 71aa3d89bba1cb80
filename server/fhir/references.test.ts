import { describe, expect, it } from "vitest";
import type { SourceEntry } from "./bundle-reader.ts";
import { FileReferences, parseReference, rewriteReferences } from "./references.ts";

const entry = (
  position: number,
  resource: Record<string, unknown>,
  fullUrl?: string,
): SourceEntry => ({
  position,
  fullUrl,
  resource: resource as SourceEntry["resource"],
  requestUrl: undefined,
  ifNoneExist: undefined,
});

describe("parseReference", () => {
  it.each([
    ["#med1", { kind: "contained", id: "med1" }],
    ["urn:uuid:0b6a3f7e-8d1c", { kind: "urn", url: "urn:uuid:0b6a3f7e-8d1c" }],
    ["Patient/888", { kind: "relative", type: "Patient", id: "888" }],
    ["Observation/o-1/_history/3", { kind: "relative", type: "Observation", id: "o-1" }],
    [
      "http://ehr.example.org/fhir/Patient/123",
      {
        kind: "absolute",
        url: "http://ehr.example.org/fhir/Patient/123",
        base: "http://ehr.example.org/fhir",
        type: "Patient",
        id: "123",
      },
    ],
    [
      "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999",
      {
        kind: "conditional",
        type: "Practitioner",
        query: "identifier=http://hl7.org/fhir/sid/us-npi|999",
      },
    ],
    ["not a reference at all", { kind: "other" }],
  ])("reads %s", (text, parsed) => {
    expect(parseReference(text)).toEqual(parsed);
  });
});

describe("FileReferences", () => {
  const patient = entry(
    1,
    { resourceType: "Patient", id: "p1", identifier: [{ system: "s", value: "v" }] },
    "urn:uuid:aaa",
  );
  const restful = entry(
    2,
    { resourceType: "Observation", id: "o1" },
    "http://x.org/fhir/Observation/o1",
  );
  const bare = entry(3, { resourceType: "Encounter", id: "e1" });
  const refs = new FileReferences([patient, restful, bare]);

  it("resolves by fullUrl, by base and type/id, by id alone, and by identifier", () => {
    expect(refs.resolve("urn:uuid:aaa", bare)).toBe(patient);
    expect(refs.resolve("http://x.org/fhir/Observation/o1", bare)).toBe(restful);
    expect(refs.resolve("Observation/o1", restful)).toBe(restful);
    expect(refs.resolve("Encounter/e1", restful)).toBe(bare);
    expect(refs.resolve("Patient/p1", bare)).toBe(patient);
    expect(refs.resolve("Patient?identifier=s|v", bare)).toBe(patient);
    expect(refs.resolve("Patient?identifier=v", bare)).toBe(patient);
  });

  it("leaves unresolved what is not in the file", () => {
    expect(refs.resolve("urn:uuid:zzz", bare)).toBeUndefined();
    expect(refs.resolve("Patient/p2", bare)).toBeUndefined();
    expect(refs.resolve("http://other.org/fhir/Observation/o1", bare)).toBeUndefined();
    expect(refs.resolve("Patient?identifier=s|w", bare)).toBeUndefined();
    expect(refs.resolve("Patient?name=x", bare)).toBeUndefined();
    expect(refs.resolve("#contained", bare)).toBeUndefined();
  });
});

describe("rewriteReferences", () => {
  it("rewrites every Reference.reference, in extensions and contained resources too, and nothing else", () => {
    const source = {
      resourceType: "Claim",
      reference: { reference: "A" },
      contained: [{ resourceType: "Coverage", beneficiary: { reference: "A", display: "Ana" } }],
      extension: [{ url: "x", valueReference: { reference: "B" } }],
      note: [{ text: "A" }],
      keep: { reference: "C" },
    };
    const out = rewriteReferences(source, (ref) => ({ A: "Patient/1", B: "Encounter/2" })[ref]);
    expect(out).toEqual({
      resourceType: "Claim",
      reference: { reference: "Patient/1" },
      contained: [
        { resourceType: "Coverage", beneficiary: { reference: "Patient/1", display: "Ana" } },
      ],
      extension: [{ url: "x", valueReference: { reference: "Encounter/2" } }],
      note: [{ text: "A" }],
      keep: { reference: "C" },
    });
    expect(source.reference.reference).toBe("A"); // the source is not touched
  });
});
