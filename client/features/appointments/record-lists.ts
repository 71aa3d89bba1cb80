import type { DeviceResource, UserDatabase } from "../../local/user-database.ts";

interface Concept {
  text?: string;
  coding?: { display?: string; code?: string }[];
}

function words(concept: Concept | undefined): string | undefined {
  return (
    concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code
  );
}

function clinicalStatus(resource: DeviceResource["resource"]): string | undefined {
  const status = resource.clinicalStatus as Concept | undefined;
  return status?.coding?.[0]?.code;
}

async function ofType(db: UserDatabase, patientId: string, type: string) {
  return db.resources.where("[patientId+type]").equals([patientId, type]).toArray();
}

/**
 * What check-in asks the person to confirm, read from their record on the device: current
 * medicines (active prescriptions and statements) and allergies not marked resolved. Names as
 * the record wrote them; duplicates (a prescription renewed) listed once.
 */
export async function checkInLists(
  db: UserDatabase,
  patientId: string,
): Promise<{ medications: string[]; allergies: string[] }> {
  const requests = await ofType(db, patientId, "MedicationRequest");
  const statements = await ofType(db, patientId, "MedicationStatement");
  const medications = [...requests, ...statements]
    .filter((row) => row.resource.status === "active")
    .flatMap((row) => words(row.resource.medicationCodeableConcept as Concept | undefined) ?? []);
  const allergies = (await ofType(db, patientId, "AllergyIntolerance"))
    .filter((row) => {
      const status = clinicalStatus(row.resource);
      return status !== "resolved" && status !== "inactive";
    })
    .flatMap((row) => words(row.resource.code as Concept | undefined) ?? []);
  const unique = (list: string[]) => [...new Set(list)].sort((a, b) => a.localeCompare(b));
  return { medications: unique(medications), allergies: unique(allergies) };
}
