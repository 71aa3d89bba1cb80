import { describe, expect, it } from "vitest";
import { visitTypeSystem } from "../../shared/contracts/appointments.ts";
import { threadSystem } from "../../shared/contracts/inbox.ts";
import { indexColumnsOf } from "./index-columns.ts";

describe("indexColumnsOf", () => {
  it("indexes a lab result", () => {
    expect(
      indexColumnsOf({
        resourceType: "Observation",
        status: "final",
        category: [
          {
            coding: [
              {
                system: "http://terminology.hl7.org/CodeSystem/observation-category",
                code: "laboratory",
              },
            ],
          },
        ],
        code: { coding: [{ system: "http://loinc.org", code: "4548-4" }] },
        effectiveDateTime: "2024-02-13T09:00:00-05:00",
        issued: "2024-02-14T09:00:00Z",
      }),
    ).toEqual({
      effectiveAt: "2024-02-13T14:00:00.000Z",
      status: "final",
      codeSystem: "http://loinc.org",
      code: "4548-4",
      category: "laboratory",
    });
  });

  it("falls back to issued, period starts and clinical status", () => {
    expect(
      indexColumnsOf({ resourceType: "DiagnosticReport", issued: "2020-01-02T00:00:00Z" })
        .effectiveAt,
    ).toBe("2020-01-02T00:00:00.000Z");
    expect(
      indexColumnsOf({
        resourceType: "Encounter",
        period: { start: "2019-06" },
        class: { code: "AMB" },
      }),
    ).toMatchObject({
      // A partial date stays as written: June 2019, not 1 June at midnight UTC.
      effectiveAt: "2019-06",
      category: "AMB",
    });
    expect(
      indexColumnsOf({
        resourceType: "AllergyIntolerance",
        clinicalStatus: { coding: [{ code: "active" }] },
        category: ["food"],
        code: { coding: [{ system: "http://snomed.info/sct", code: "762952008" }] },
      }),
    ).toMatchObject({ status: "active", category: "food", code: "762952008" });
  });

  it("finds the code where each type keeps it", () => {
    expect(
      indexColumnsOf({
        resourceType: "Immunization",
        vaccineCode: { coding: [{ system: "cvx", code: "140" }] },
      }).code,
    ).toBe("140");
    expect(
      indexColumnsOf({
        resourceType: "MedicationRequest",
        medicationCodeableConcept: { coding: [{ system: "rx", code: "860975" }] },
      }).code,
    ).toBe("860975");
    expect(
      indexColumnsOf({
        resourceType: "ImmunizationRecommendation",
        date: "2026-01-01",
        recommendation: [{ vaccineCode: [{ coding: [{ code: "140" }] }] }],
      }),
    ).toMatchObject({ code: "140", codeSystem: null });
  });

  it("indexes a visit by its type and a message by its thread, as Hearth writes them", () => {
    const at = "2026-03-02T09:00:00.000Z";
    expect(
      indexColumnsOf({
        resourceType: "Appointment",
        status: "booked",
        appointmentType: { coding: [{ system: visitTypeSystem, code: "follow-up" }] },
        start: at,
      }),
    ).toEqual({
      effectiveAt: at,
      status: "booked",
      codeSystem: visitTypeSystem,
      code: "follow-up",
      category: null,
    });
    expect(
      indexColumnsOf({
        resourceType: "Communication",
        status: "completed",
        topic: { coding: [{ system: threadSystem, code: "thread-1" }], text: "Refill" },
        sent: at,
      }),
    ).toEqual({
      effectiveAt: at,
      status: "completed",
      codeSystem: threadSystem,
      code: "thread-1",
      category: null,
    });
  });

  it("gives nulls for what a resource lacks", () => {
    expect(indexColumnsOf({ resourceType: "Basic" })).toEqual({
      effectiveAt: null,
      status: null,
      codeSystem: null,
      code: null,
      category: null,
    });
  });
});
