import type { DeviceSource } from "../../local/device-query.ts";
import { type FhirWhen, fhirWhen } from "./fhir-read.ts";

/** Whether the record says the patient has died (Patient.deceased[x]), and when if it says. */
export type Deceased = { deceased: false } | { deceased: true; on: FhirWhen | undefined };

/**
 * Read from the Patient resources of the record on the device: `deceasedBoolean: true` or any
 * `deceasedDateTime` (a date of death is a death even without the boolean).
 */
export async function deceasedOf({ db, patientId }: DeviceSource): Promise<Deceased> {
  if (!patientId) return { deceased: false };
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Patient"])
    .toArray();
  for (const row of rows) {
    const on = fhirWhen(row.resource.deceasedDateTime);
    if (on !== undefined || row.resource.deceasedBoolean === true) return { deceased: true, on };
  }
  return { deceased: false };
}
