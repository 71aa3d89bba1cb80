import type { FhirBundle } from "../types.ts";
import {
  base64,
  clinicDateTime,
  dateOnly,
  day,
  makeBundleBuilder,
  round,
} from "./bundle-builder.ts";
import {
  allergies,
  carePlans,
  conditions,
  type Drug,
  drugs,
  encounterTypes,
  notes,
  type Panel,
  panels,
  procedures,
  smoking,
  systems,
  type TestKey,
  tests,
  vaccines,
  vitals,
} from "./catalog.ts";
import { progressNote } from "./notes.ts";
import { makeRandom } from "./random.ts";
import { type StoryName, trajectoriesFor } from "./stories.ts";

export interface SyntheticPatientOptions {
  /** Same seed, same patient, byte for byte. */
  seed: number;
  given: string;
  family: string;
  gender: "female" | "male";
  /** YYYY-MM-DD */
  birthDate: string;
  story: StoryName;
  /** Years of history, ending at `until`. */
  years: number;
  /** YYYY-MM-DD; fixed by default so that the output never depends on today's date. */
  until?: string;
  /** Clinic visits a year, one of them the annual check-up (default 4). */
  visitsPerYear?: number;
  /** Readings the patient takes at home each week (glucose or blood pressure; default 0). */
  homeReadingsPerWeek?: number;
  allergy: "none-known" | "penicillin" | "peanut";
}

export const defaultUntil = "2026-11-01";
const carePlanFor = {
  "type2-diabetes": carePlans.diabetes,
  hypertension: carePlans.hypertension,
  asthma: carePlans.asthma,
} as const;
const year = 365.25 * day;
const usCore = (name: string) => `http://hl7.org/fhir/us/core/StructureDefinition/us-core-${name}`;
const coded = (system: string, c: { code: string; display: string }) => ({
  coding: [{ system, code: c.code, display: c.display }],
  text: c.display,
});
const loinc = (c: { loinc: string; display: string }) =>
  coded(systems.loinc, { code: c.loinc, display: c.display });
const category = (code: string, display: string) => [
  { coding: [{ system: systems.observationCategory, code, display }] },
];

/**
 * A synthetic patient's record as a FHIR R4 transaction Bundle, in the shapes real exports use:
 * urn:uuid references, US Core profiles, lab panels with reference ranges and interpretations,
 * vital signs, problems (chronic and resolved), medications started, changed and stopped,
 * allergies (or "no known allergies"), immunizations and what is due next, encounters with
 * base64 plain-text notes, procedures and a care plan. Deterministic: no clock, no crypto.
 *
 * @example
 * const bundle = generatePatientRecord({ seed: 7, given: "Ana", family: "Rivera", gender: "female",
 *   birthDate: "1979-04-12", story: "type2-diabetes", years: 4, allergy: "none-known" });
 */
export function generatePatientRecord(options: SyntheticPatientOptions): FhirBundle {
  const random = makeRandom(options.seed);
  const b = makeBundleBuilder(random);
  const { story, gender } = options;
  const until = Date.parse(`${options.until ?? defaultUntil}T00:00:00Z`);
  const start = until - options.years * year;
  const born = Date.parse(`${options.birthDate}T00:00:00Z`);
  const ageAt = (ms: number) => Math.floor((ms - born) / year);
  const heightCm = round(random.normal(gender === "female" ? 163 : 177, 5), 1);
  const curve = trajectoriesFor(story, random, heightCm);
  const seedText = String(options.seed).padStart(6, "0");

  // Who and where.
  const organization = b.add({
    resourceType: "Organization",
    meta: { profile: [usCore("organization")] },
    identifier: [{ system: systems.npi, value: `99${seedText.slice(-4)}0001` }],
    active: true,
    type: [
      {
        coding: [
          {
            system: "http://terminology.hl7.org/CodeSystem/organization-type",
            code: "prov",
            display: "Healthcare Provider",
          },
        ],
      },
    ],
    name: random.pick([
      "Riverside Family Health",
      "Maple Street Clinic",
      "Harbor View Medical Group",
    ]),
    telecom: [{ system: "phone", value: `555-01${random.int(10, 99)}` }],
    address: [
      {
        line: ["100 Main Street"],
        city: "Springfield",
        state: "MA",
        postalCode: "01101",
        country: "US",
      },
    ],
  });
  const doctor = {
    given: random.pick(["Jordan", "Priya", "Samuel", "Mei", "Tomás", "Grace"]),
    family: random.pick(["Lee", "Okafor", "Nguyen", "García", "Patel", "Cohen"]),
  };
  const practitioner = b.add({
    resourceType: "Practitioner",
    meta: { profile: [usCore("practitioner")] },
    identifier: [{ system: systems.npi, value: `99${seedText.slice(-4)}1001` }],
    active: true,
    name: [{ family: doctor.family, given: [doctor.given], prefix: ["Dr."] }],
    gender: random.pick(["female", "male"]),
    qualification: [
      {
        code: {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/v2-0360",
              code: "MD",
              display: "Doctor of Medicine",
            },
          ],
        },
      },
    ],
  });
  const doctorName = `Dr. ${doctor.given} ${doctor.family}`;
  const location = b.add({
    resourceType: "Location",
    meta: { profile: [usCore("location")] },
    status: "active",
    name: "Main clinic",
    managingOrganization: { reference: organization },
  });
  const patientName = `${options.given} ${options.family}`;
  const patient = b.add({
    resourceType: "Patient",
    meta: { profile: [usCore("patient")] },
    extension: [{ url: usCore("birthsex"), valueCode: gender === "female" ? "F" : "M" }],
    identifier: [
      {
        use: "usual",
        type: {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/v2-0203",
              code: "MR",
              display: "Medical Record Number",
            },
          ],
          text: "Medical Record Number",
        },
        system: "https://demo.hearth.example/mrn",
        value: `MRN-${seedText}`,
      },
    ],
    active: true,
    name: [{ use: "official", family: options.family, given: [options.given] }],
    telecom: [{ system: "phone", value: `555-02${random.int(10, 99)}`, use: "mobile" }],
    gender,
    birthDate: options.birthDate,
    address: [
      {
        line: [`${random.int(10, 999)} Elm Street`],
        city: "Springfield",
        state: "MA",
        postalCode: "01103",
        country: "US",
      },
    ],
    communication: [
      {
        language: coded("urn:ietf:bcp:47", { code: "en-US", display: "English (United States)" }),
        preferred: true,
      },
    ],
    generalPractitioner: [{ reference: practitioner, display: doctorName }],
    managingOrganization: { reference: organization },
  });
  const subject = { reference: patient, display: patientName };

  // When: visits spread over the years, the first one each year a check-up.
  const perYear = options.visitsPerYear ?? 4;
  const visits: Array<{ at: number; annual: boolean }> = [];
  for (
    let i = 0, t = start + 14 * day;
    t < until - 14 * day;
    i++, t = start + 14 * day + i * (year / perYear)
  ) {
    const date = new Date(t + random.int(-6, 6) * day);
    const weekday = date.getUTCDay();
    const shift = weekday === 0 ? 1 : weekday === 6 ? 2 : 0;
    const at = Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth(),
      date.getUTCDate() + shift,
      13 + random.int(0, 7),
      random.pick([0, 15, 30, 45]),
    );
    visits.push({ at, annual: i % perYear === 0 });
  }
  const diagnosedAt = (visits[0] as { at: number }).at;
  const yearsSince = (ms: number) => (ms - diagnosedAt) / year;

  // The chronic problem and the plan for it.
  const chronic = {
    "type2-diabetes": conditions.diabetes,
    hypertension: conditions.hypertension,
    asthma: conditions.asthma,
  }[story];
  const problem = (
    code: { code: string; display: string },
    at: number,
    encounter: string,
    abatedAt?: number,
  ) =>
    b.add({
      resourceType: "Condition",
      meta: { profile: [usCore("condition-problems-health-concerns")] },
      clinicalStatus: coded(
        systems.conditionClinical,
        abatedAt
          ? { code: "resolved", display: "Resolved" }
          : { code: "active", display: "Active" },
      ),
      verificationStatus: coded(systems.conditionVerification, {
        code: "confirmed",
        display: "Confirmed",
      }),
      category: [
        coded(systems.conditionCategory, {
          code: abatedAt ? "encounter-diagnosis" : "problem-list-item",
          display: abatedAt ? "Encounter Diagnosis" : "Problem List Item",
        }),
      ],
      code: coded(systems.snomed, code),
      subject,
      encounter: { reference: encounter },
      onsetDateTime: clinicDateTime(at),
      ...(abatedAt ? { abatementDateTime: clinicDateTime(abatedAt) } : {}),
      recordedDate: clinicDateTime(at),
      recorder: { reference: practitioner, display: doctorName },
    });

  // Medications: when each starts and, if replaced, stops.
  const medicationPlan: Array<{
    drug: Drug;
    from: number;
    to?: number;
    reason: "chronic" | "lipids";
  }> =
    story === "type2-diabetes"
      ? [
          { drug: drugs.metformin500, from: 0, to: 0.5, reason: "chronic" },
          { drug: drugs.metformin1000, from: 0.5, reason: "chronic" },
          { drug: drugs.atorvastatin, from: 0.24, reason: "lipids" },
        ]
      : story === "hypertension"
        ? [
            { drug: drugs.lisinopril, from: 0, reason: "chronic" },
            { drug: drugs.amlodipine, from: 1, reason: "chronic" },
          ]
        : [
            { drug: drugs.albuterol, from: 0, reason: "chronic" },
            { drug: drugs.fluticasone, from: 0.5, reason: "chronic" },
          ];
  const lastVisit = (visits.at(-1) as { at: number }).at;
  const medicationsAt = (t: number) =>
    medicationPlan
      .filter((m) => m.from <= t && (m.to === undefined || m.to > t))
      .map((m) => `${m.drug.display}: ${m.drug.dose}`);

  let chronicCondition = "";
  let lipidCondition = "";
  let previousA1c: number | undefined;
  const vaccinatedFluIn = new Set<number>();
  let tdapAt: number | undefined;
  let covidGiven = 0;

  visits.forEach((visit, index) => {
    const at = visit.at;
    const t = yearsSince(at);
    const end = at + random.int(20, 40) * 60_000;
    const encounterType = visit.annual ? encounterTypes.checkUp : encounterTypes.followUp;
    const encounter = b.add({
      resourceType: "Encounter",
      meta: { profile: [usCore("encounter")] },
      identifier: [
        {
          use: "official",
          system: "https://demo.hearth.example/encounter",
          value: `${seedText}-${index}`,
        },
      ],
      status: "finished",
      class: { system: systems.actCode, code: "AMB", display: "ambulatory" },
      type: [coded(systems.snomed, encounterType)],
      subject,
      participant: [{ individual: { reference: practitioner, display: doctorName } }],
      period: { start: clinicDateTime(at), end: clinicDateTime(end) },
      ...(chronicCondition ? { reasonReference: [{ reference: chronicCondition }] } : {}),
      location: [{ location: { reference: location, display: "Main clinic" } }],
      serviceProvider: { reference: organization },
    });
    const context = { subject, encounter: { reference: encounter } };

    if (index === 0) {
      chronicCondition = problem(chronic, at, encounter);
      b.add({
        resourceType: "CarePlan",
        meta: { profile: [usCore("careplan")] },
        text: {
          status: "generated",
          div: `<div xmlns="http://www.w3.org/1999/xhtml">Care plan for ${chronic.display}</div>`,
        },
        status: "active",
        intent: "plan",
        category: [
          {
            coding: [
              {
                system: "http://hl7.org/fhir/us/core/CodeSystem/careplan-category",
                code: "assess-plan",
              },
            ],
          },
          coded(systems.snomed, carePlanFor[story]),
        ],
        subject,
        encounter: { reference: encounter },
        period: { start: clinicDateTime(at) },
        addresses: [{ reference: chronicCondition }],
        activity: [
          {
            detail: {
              code: coded(systems.snomed, { code: "226234005", display: "Healthy diet" }),
              status: "in-progress",
            },
          },
          {
            detail: {
              code: coded(systems.snomed, { code: "229065009", display: "Exercise therapy" }),
              status: "in-progress",
            },
          },
        ],
      });
      addAllergy(at, encounter);
      b.add({
        resourceType: "MedicationStatement",
        status: "active",
        medicationCodeableConcept: coded(systems.rxnorm, drugs.acetaminophen),
        subject,
        effectivePeriod: { start: dateOnly(at - 2 * year) },
        dateAsserted: clinicDateTime(at),
        informationSource: subject,
        dosage: [{ text: drugs.acetaminophen.dose, asNeededBoolean: true }],
      });
    }

    // Medications started at this visit.
    for (const plan of medicationPlan) {
      const startsHere =
        plan.from <= t && (index === 0 || yearsSince(visits[index - 1]?.at ?? at) < plan.from);
      if (!startsHere) continue;
      if (plan.reason === "lipids" && !lipidCondition)
        lipidCondition = problem(conditions.hyperlipidemia, at, encounter);
      const stoppedAt = plan.to !== undefined ? diagnosedAt + plan.to * year : undefined;
      b.add({
        resourceType: "MedicationRequest",
        meta: { profile: [usCore("medicationrequest")] },
        status: stoppedAt !== undefined && stoppedAt < lastVisit ? "stopped" : "active",
        intent: "order",
        medicationCodeableConcept: coded(systems.rxnorm, plan.drug),
        ...context,
        authoredOn: clinicDateTime(at),
        requester: { reference: practitioner, display: doctorName },
        reasonReference: [
          { reference: plan.reason === "lipids" ? lipidCondition : chronicCondition },
        ],
        dosageInstruction: [
          {
            sequence: 1,
            text: plan.drug.dose,
            timing: { repeat: plan.drug.timing },
            ...("asNeeded" in plan.drug && plan.drug.asNeeded ? { asNeededBoolean: true } : {}),
          },
        ],
        dispenseRequest: {
          numberOfRepeatsAllowed: 3,
          quantity: { value: 90, unit: "tablet" },
          expectedSupplyDuration: { value: 90, unit: "days", system: systems.ucum, code: "d" },
        },
      });
    }

    // Vital signs.
    const weight = round(random.normal(curve.weightKg(t), 0.5), 1);
    const systolic = Math.round(random.normal(curve.systolic(t), 5));
    const diastolic = Math.round(random.normal(curve.diastolic(t), 3.5));
    bloodPressure(at, systolic, diastolic, context);
    vital(vitals.heartRate, Math.round(random.normal(74, 6)), at, context);
    vital(vitals.respiratoryRate, random.int(13, 18), at, context);
    vital(vitals.temperature, round(random.normal(36.8, 0.2), 1), at, context);
    vital(vitals.weight, weight, at, context);
    if (visit.annual) vital(vitals.height, heightCm, at, context);
    vital(vitals.bmi, round(weight / (heightCm / 100) ** 2, 1), at, context);
    vital(
      vitals.oxygen,
      Math.min(100, Math.round(random.normal(story === "asthma" ? 96.5 : 97.5, 1))),
      at,
      context,
    );
    if (visit.annual) {
      b.add({
        resourceType: "Observation",
        meta: { profile: [usCore("smokingstatus")] },
        status: "final",
        category: category("social-history", "Social History"),
        code: loinc(smoking.status),
        subject,
        encounter: { reference: encounter },
        effectiveDateTime: clinicDateTime(at),
        issued: new Date(at).toISOString(),
        valueCodeableConcept: coded(systems.snomed, smoking.never),
      });
    }

    // Labs.
    const ordered: Panel[] = [];
    if (story === "type2-diabetes") ordered.push(panels.a1c);
    if (story !== "asthma" && (index % 2 === 0 || visit.annual)) ordered.push(panels.bmp);
    if (visit.annual) ordered.push(panels.lipids, panels.cbc);
    if (visit.annual && story === "type2-diabetes") ordered.push(panels.uacr);
    if (visit.annual && index % (perYear * 2) === 0) ordered.push(panels.tsh);
    const results: string[] = [];
    let a1c: number | undefined;
    // One specimen a visit: a test in two panels (glucose) is one Observation in both reports.
    const measured = new Map<TestKey, { value: number; reference: string }>();
    for (const panel of ordered) {
      const reportLines: string[] = [];
      const resultRefs = panel.tests.map((key) => {
        let result = measured.get(key);
        if (!result) {
          const value = labValue(key, t, measured);
          result = { value, reference: labObservation(key, value, at, context) };
          measured.set(key, result);
        }
        const test = tests[key];
        const range = rangeText(test);
        reportLines.push(
          `${test.display}: ${result.value} ${test.unit}${range ? ` (reference ${range})` : ""}`,
        );
        if (key === "hba1c") a1c = result.value;
        return { reference: result.reference };
      });
      results.push(...reportLines.filter((line) => !results.includes(line)));
      b.add({
        resourceType: "DiagnosticReport",
        meta: { profile: [usCore("diagnosticreport-lab")] },
        status: "final",
        category: [{ coding: [{ system: systems.v2_0074, code: "LAB", display: "Laboratory" }] }],
        code: loinc(panel),
        ...context,
        effectiveDateTime: clinicDateTime(at),
        issued: new Date(at + day).toISOString(),
        performer: [{ reference: organization }],
        result: resultRefs,
        presentedForm: [
          {
            contentType: "text/plain; charset=utf-8",
            data: base64(
              `${panel.display}\nCollected ${clinicDateTime(at)}\n\n${reportLines.join("\n")}\n`,
            ),
          },
        ],
      });
    }

    // Procedures.
    if (visit.annual) {
      const done =
        story === "type2-diabetes"
          ? [procedures.retinalExam, procedures.footExam]
          : story === "hypertension"
            ? [procedures.medicationReview]
            : [procedures.spirometry];
      for (const code of [...done, procedures.depressionScreening]) {
        b.add({
          resourceType: "Procedure",
          meta: { profile: [usCore("procedure")] },
          status: "completed",
          code: coded(systems.snomed, code),
          ...context,
          performedPeriod: { start: clinicDateTime(at), end: clinicDateTime(end) },
          performer: [{ actor: { reference: practitioner, display: doctorName } }],
        });
      }
    }

    // Immunizations: flu each autumn, Tdap once, COVID-19 from 2021.
    const date = new Date(at);
    if (date.getUTCMonth() >= 8 && !vaccinatedFluIn.has(date.getUTCFullYear())) {
      vaccinatedFluIn.add(date.getUTCFullYear());
      immunization(vaccines.flu, at, encounter);
    }
    if (tdapAt === undefined && visit.annual && index > 0) {
      tdapAt = at;
      immunization(vaccines.tdap, at, encounter);
    }
    if (covidGiven < 2 && date.getUTCFullYear() >= 2021 && date.getUTCMonth() >= 8) {
      covidGiven++;
      immunization(vaccines.covid, at, encounter);
    }
    if (ageAt(at) >= 65 && visit.annual && index === perYear)
      immunization(vaccines.pneumococcal, at, encounter);

    // The note.
    const note = progressNote({
      date: dateOnly(at),
      given: options.given,
      age: ageAt(at),
      gender,
      story,
      annual: visit.annual,
      yearsSinceDiagnosis: t,
      systolic,
      diastolic,
      weightKg: weight,
      results,
      previousA1c,
      a1c,
      medications: medicationsAt(t),
    });
    if (a1c !== undefined) previousA1c = a1c;
    b.add({
      resourceType: "DocumentReference",
      meta: { profile: [usCore("documentreference")] },
      status: "current",
      docStatus: "final",
      type: loinc(visit.annual ? notes.historyAndPhysical : notes.progress),
      category: [
        {
          coding: [
            {
              system: "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
              code: "clinical-note",
              display: "Clinical Note",
            },
          ],
        },
      ],
      subject,
      date: new Date(end).toISOString(),
      author: [{ reference: practitioner, display: doctorName }],
      custodian: { reference: organization },
      content: [
        {
          attachment: {
            contentType: "text/plain; charset=utf-8",
            data: base64(note),
            title: "Progress note",
          },
        },
      ],
      context: {
        encounter: [{ reference: encounter }],
        period: { start: clinicDateTime(at), end: clinicDateTime(end) },
      },
    });

    // Now and then a cold between visits: an acute problem that resolves.
    const next = visits[index + 1]?.at;
    if (next && random.chance(0.18)) {
      const sickAt = at + Math.floor((next - at) * random.next() * 0.8) + 7 * day;
      const sick = Date.UTC(
        new Date(sickAt).getUTCFullYear(),
        new Date(sickAt).getUTCMonth(),
        new Date(sickAt).getUTCDate(),
        15,
        0,
      );
      const acute = random.pick([conditions.sinusitis, conditions.pharyngitis]);
      const sickEncounter = b.add({
        resourceType: "Encounter",
        meta: { profile: [usCore("encounter")] },
        status: "finished",
        class: { system: systems.actCode, code: "AMB", display: "ambulatory" },
        type: [coded(systems.snomed, encounterTypes.symptom)],
        subject,
        participant: [{ individual: { reference: practitioner, display: doctorName } }],
        period: { start: clinicDateTime(sick), end: clinicDateTime(sick + 20 * 60_000) },
        location: [{ location: { reference: location, display: "Main clinic" } }],
        serviceProvider: { reference: organization },
      });
      problem(acute, sick, sickEncounter, sick + random.int(7, 14) * day);
    }
  });

  // Readings the patient sends in from home.
  const perWeek = options.homeReadingsPerWeek ?? 0;
  for (let week = diagnosedAt + 7 * day; perWeek > 0 && week < until; week += 7 * day) {
    for (let k = 0; k < perWeek; k++) {
      const at = week + Math.floor((k / perWeek) * 7 * day) + random.int(11, 14) * 3_600_000;
      const t = yearsSince(at);
      if (story === "type2-diabetes") {
        const average = 28.7 * curve.hba1c(t) - 46.7;
        const value = Math.round(random.normal(average * (k % 2 === 0 ? 0.85 : 1.12), 14));
        labObservation("glucometer", value, at, { subject, performer: [subject] });
      } else {
        bloodPressure(
          at,
          Math.round(random.normal(curve.systolic(t) - 4, 6)),
          Math.round(random.normal(curve.diastolic(t) - 2, 4)),
          {
            subject,
            performer: [subject],
          },
        );
      }
    }
  }

  // What is due next.
  const nextFlu = Date.UTC(
    new Date(until).getUTCFullYear() + (new Date(until).getUTCMonth() >= 8 ? 1 : 0),
    9,
    1,
  );
  b.add({
    resourceType: "ImmunizationRecommendation",
    patient: subject,
    date: clinicDateTime(lastVisit),
    authority: { reference: organization },
    recommendation: [
      recommendation(vaccines.flu, nextFlu),
      ...(tdapAt !== undefined ? [recommendation(vaccines.tdap, tdapAt + 10 * year)] : []),
    ],
  });

  return b.bundle();

  function addAllergy(at: number, encounter: string): void {
    const base = {
      resourceType: "AllergyIntolerance",
      meta: { profile: [usCore("allergyintolerance")] },
      clinicalStatus: coded(systems.allergyClinical, { code: "active", display: "Active" }),
      verificationStatus: coded(systems.allergyVerification, {
        code: "confirmed",
        display: "Confirmed",
      }),
      patient: subject,
      encounter: { reference: encounter },
      recordedDate: clinicDateTime(at),
      recorder: { reference: practitioner, display: doctorName },
    };
    if (options.allergy === "none-known") {
      b.add({
        ...base,
        code: { ...coded(systems.snomed, allergies.noneKnown), text: "No known allergies" },
      });
      return;
    }
    const penicillin = options.allergy === "penicillin";
    b.add({
      ...base,
      type: "allergy",
      category: [penicillin ? "medication" : "food"],
      criticality: "high",
      code: coded(systems.snomed, penicillin ? allergies.penicillin : allergies.peanut),
      onsetDateTime: dateOnly(born + (penicillin ? 19 : 3) * year),
      reaction: [
        {
          manifestation: [
            coded(systems.snomed, penicillin ? allergies.hives : allergies.anaphylaxis),
          ],
          severity: penicillin ? "moderate" : "severe",
        },
      ],
    });
  }

  function vital(
    kind: { loinc: string; display: string; unit: string },
    value: number,
    at: number,
    context: Record<string, unknown>,
  ): string {
    return b.add({
      resourceType: "Observation",
      meta: { profile: ["http://hl7.org/fhir/StructureDefinition/vitalsigns"] },
      status: "final",
      category: category("vital-signs", "Vital Signs"),
      code: loinc(kind),
      ...context,
      effectiveDateTime: clinicDateTime(at),
      issued: new Date(at).toISOString(),
      valueQuantity: { value, unit: kind.unit, system: systems.ucum, code: kind.unit },
    });
  }

  function bloodPressure(
    at: number,
    sys: number,
    dia: number,
    context: Record<string, unknown>,
  ): string {
    const component = (kind: { loinc: string; display: string; unit: string }, value: number) => ({
      code: loinc(kind),
      valueQuantity: { value, unit: kind.unit, system: systems.ucum, code: kind.unit },
    });
    return b.add({
      resourceType: "Observation",
      meta: { profile: ["http://hl7.org/fhir/StructureDefinition/bp"] },
      status: "final",
      category: category("vital-signs", "Vital Signs"),
      code: loinc(vitals.bloodPressure),
      ...context,
      effectiveDateTime: clinicDateTime(at),
      issued: new Date(at).toISOString(),
      component: [component(vitals.systolic, sys), component(vitals.diastolic, dia)],
    });
  }

  function labValue(key: TestKey, t: number, measured: Map<TestKey, { value: number }>): number {
    const test = tests[key];
    const noisy = (mean: number, sd: number) =>
      round(Math.max(0, random.normal(mean, sd)), test.decimals);
    switch (key) {
      case "hba1c":
        return noisy(curve.hba1c(t), 0.15);
      case "glucose": {
        const a1c = measured.get("hba1c")?.value ?? curve.hba1c(t);
        return noisy(story === "type2-diabetes" ? 28.7 * a1c - 46.7 - 15 : 88, 8);
      }
      case "egfr":
        return noisy(curve.egfr(t), 3);
      case "creatinine":
        return noisy(0.8 * (95 / curve.egfr(t)) * (gender === "female" ? 1 : 1.2), 0.04);
      case "potassium":
        return noisy(curve.potassium(t), 0.2);
      case "ldl":
        return noisy(curve.ldl(t), 8);
      case "hdl":
        return noisy(curve.hdl(t), 3);
      case "triglycerides":
        return noisy(curve.triglycerides(t), 18);
      case "cholesterol":
        return noisy(curve.ldl(t) + curve.hdl(t) + curve.triglycerides(t) / 5, 8);
      case "uacr":
        return noisy(curve.uacr(t), 3);
      case "hemoglobin":
        return noisy(gender === "female" ? 13.4 : 15.1, 0.5);
      case "hematocrit":
        return noisy(gender === "female" ? 40 : 45, 1.5);
      default: {
        const low = test.low ?? 0;
        const high = test.high ?? low * 2;
        return noisy((low + high) / 2, (high - low) / 8);
      }
    }
  }

  function labObservation(
    key: TestKey,
    value: number,
    at: number,
    context: Record<string, unknown>,
  ): string {
    const test = tests[key];
    const quantity = (v: number) => ({
      value: v,
      unit: test.unit,
      system: systems.ucum,
      code: test.unit,
    });
    const flag =
      test.high !== undefined && value > test.high
        ? { code: "H", display: "High" }
        : test.low !== undefined && value < test.low
          ? { code: "L", display: "Low" }
          : { code: "N", display: "Normal" };
    const hasRange = test.low !== undefined || test.high !== undefined;
    return b.add({
      resourceType: "Observation",
      meta: { profile: [usCore("observation-lab")] },
      status: "final",
      category: category("laboratory", "Laboratory"),
      code: loinc({ loinc: test.loinc, display: test.display }),
      ...context,
      effectiveDateTime: clinicDateTime(at),
      issued: new Date(at + day).toISOString(),
      valueQuantity: quantity(value),
      ...(hasRange
        ? {
            interpretation: [coded(systems.interpretation, flag)],
            referenceRange: [
              {
                ...(test.low !== undefined ? { low: quantity(test.low) } : {}),
                ...(test.high !== undefined ? { high: quantity(test.high) } : {}),
              },
            ],
          }
        : {}),
    });
  }

  function immunization(
    vaccine: { code: string; display: string },
    at: number,
    encounter: string,
  ): void {
    b.add({
      resourceType: "Immunization",
      meta: { profile: [usCore("immunization")] },
      status: "completed",
      vaccineCode: coded(systems.cvx, vaccine),
      patient: subject,
      encounter: { reference: encounter },
      occurrenceDateTime: clinicDateTime(at),
      primarySource: true,
      lotNumber: `${String.fromCharCode(65 + random.int(0, 25))}${random.int(1000, 9999)}`,
      route: coded("http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", {
        code: "IM",
        display: "Injection, intramuscular",
      }),
      performer: [{ actor: { reference: practitioner, display: doctorName } }],
    });
  }
}

function rangeText(test: { low?: number; high?: number; unit: string }): string {
  if (test.low !== undefined && test.high !== undefined)
    return `${test.low}–${test.high} ${test.unit}`;
  if (test.low !== undefined) return `above ${test.low} ${test.unit}`;
  if (test.high !== undefined) return `below ${test.high} ${test.unit}`;
  return "";
}

function recommendation(vaccine: { code: string; display: string }, due: number) {
  return {
    vaccineCode: [coded(systems.cvx, vaccine)],
    forecastStatus: coded(
      "http://terminology.hl7.org/CodeSystem/immunization-recommendation-status",
      { code: "due", display: "Due" },
    ),
    dateCriterion: [
      {
        code: coded(systems.loinc, { code: "30980-7", display: "Date vaccine due" }),
        value: new Date(due).toISOString(),
      },
    ],
  };
}
