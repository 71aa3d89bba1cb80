import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import {
  conceptText,
  type FhirWhen,
  fhirWhen,
  first,
  newestWhenFirst,
  numberOf,
  oldestWhenFirst,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceNames } from "./reference-names.ts";

export interface ImmunizationView {
  id: string;
  vaccine: string;
  /** completed | not-done | entered-in-error */
  status: string | undefined;
  date: FhirWhen | undefined;
  dose: string | undefined;
  lot: string | undefined;
  givenBy: string[];
  reason: string | undefined;
}

/** A vaccine due, from an ImmunizationRecommendation. */
export interface DueVaccine {
  id: string;
  vaccine: string;
  due: FhirWhen | undefined;
  status: string | undefined;
}

export function immunizationView(row: DeviceResource, book: NameBook): ImmunizationView {
  const r = row.resource;
  const protocol = first(r.protocolApplied);
  const dose = isRecord(protocol)
    ? (numberOf(protocol.doseNumberPositiveInt)?.toString() ?? text(protocol.doseNumberString))
    : undefined;
  return {
    id: row.id,
    vaccine: conceptText(r.vaccineCode) ?? "",
    status: text(r.status),
    date: fhirWhen(r.occurrenceDateTime) ?? fhirWhen(r.recorded),
    dose,
    lot: text(r.lotNumber),
    givenBy: referenceNames(r.performer, book, "actor"),
    reason: conceptText(r.statusReason),
  };
}

/** The vaccines due, one per recommendation entry, soonest first. */
export function dueVaccinesOf(rows: readonly DeviceResource[]): DueVaccine[] {
  return rows
    .flatMap((row) =>
      (Array.isArray(row.resource.recommendation) ? row.resource.recommendation : [])
        .filter(isRecord)
        .map((recommendation, index) => {
          const criteria = Array.isArray(recommendation.dateCriterion)
            ? recommendation.dateCriterion.filter(isRecord)
            : [];
          const due = criteria.map((c) => fhirWhen(c.value)).find((t) => t !== undefined);
          const status = first(
            isRecord(recommendation.forecastStatus) &&
              Array.isArray(recommendation.forecastStatus.coding)
              ? recommendation.forecastStatus.coding
              : [],
          );
          return {
            id: `${row.id}-${index}`,
            vaccine: conceptText(recommendation.vaccineCode) ?? "",
            due,
            status: isRecord(status) ? text(status.code) : undefined,
          };
        }),
    )
    .filter((due) => due.status !== "complete" && due.status !== "contraindicated")
    .sort((a, b) => oldestWhenFirst(a.due, b.due));
}

export interface ImmunizationRecord {
  given: ImmunizationView[];
  notGiven: ImmunizationView[];
  due: DueVaccine[];
}

export async function immunizations(source: DeviceSource): Promise<ImmunizationRecord> {
  const { db, patientId } = source;
  if (!patientId) return { given: [], notGiven: [], due: [] };
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Immunization"])
    .toArray();
  const views = rows
    .map((row) => immunizationView(row, book))
    .filter((view) => view.status !== "entered-in-error")
    .sort((a, b) => newestWhenFirst(a.date, b.date));
  const recommendations = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "ImmunizationRecommendation"])
    .toArray();
  return {
    given: views.filter((view) => view.status !== "not-done"),
    notGiven: views.filter((view) => view.status === "not-done"),
    due: dueVaccinesOf(recommendations),
  };
}
