// Hand-written record rows for the record pages' tests: what a pull leaves in Dexie, built
// from small FHIR resources with the index columns the server would derive (one row of any
// kind: client/test/resource-row.ts).
import Dexie from "dexie";
import type { DeviceResource } from "../local/user-database.ts";
import { UserDatabase } from "../local/user-database.ts";
import { openTestCopy } from "./device-copy.ts";
import { patientId, row } from "./resource-row.ts";

const loinc = "http://loinc.org";
let counter = 0;

/** A laboratory result with a range, flagged by the range. */
export function labResult(
  code: string,
  name: string,
  value: number,
  at: string,
  range: { low?: number; high?: number } = { low: 70, high: 99 },
  extra: Record<string, unknown> = {},
): DeviceResource {
  const unit = "mg/dL";
  return row(
    {
      resourceType: "Observation",
      status: "final",
      code: { coding: [{ system: loinc, code, display: name }] },
      effectiveDateTime: at,
      valueQuantity: { value, unit },
      referenceRange: [
        {
          ...(range.low !== undefined ? { low: { value: range.low, unit } } : {}),
          ...(range.high !== undefined ? { high: { value: range.high, unit } } : {}),
        },
      ],
      ...extra,
    },
    {
      effectiveAt: new Date(at).toISOString(),
      status: "final",
      codeSystem: loinc,
      code,
      category: "laboratory",
    },
  );
}

/** A lab report listing `results`, on the date of the first. */
export function report(name: string, results: DeviceResource[], at: string): DeviceResource {
  return row(
    {
      resourceType: "DiagnosticReport",
      status: "final",
      code: { text: name },
      effectiveDateTime: at,
      result: results.map((r) => ({ reference: `Observation/${r.id}` })),
    },
    { effectiveAt: new Date(at).toISOString(), status: "final", category: "LAB" },
  );
}

/** A fresh device database holding `rows` for the test patient (the signed-in person's own). */
export async function deviceWith(rows: DeviceResource[]): Promise<UserDatabase> {
  const name = `test-user-${++counter}`;
  await Dexie.delete(`hearth-${name}`);
  openTestCopy(name);
  const db = new UserDatabase(name);
  await db.open();
  await db.patients.put({ id: patientId, name: "Test Patient", birthDate: null, self: true });
  await db.resources.bulkPut(rows);
  return db;
}
