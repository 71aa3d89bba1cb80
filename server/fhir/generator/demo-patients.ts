import type { SyntheticPatientOptions } from "./patient-record.ts";

/**
 * The demo seed's patients. Ana has an account (server/db/seed.ts); the other two are records
 * with no account, as most of a real portal's patients are until they sign up.
 */
export const demoPatients = {
  ana: {
    seed: 1001,
    given: "Ana",
    family: "Rivera",
    gender: "female",
    birthDate: "1978-04-12",
    story: "type2-diabetes",
    years: 4,
    allergy: "none-known",
  },
  others: [
    {
      seed: 1002,
      given: "Walter",
      family: "Brennan",
      gender: "male",
      birthDate: "1956-09-30",
      story: "hypertension",
      years: 3,
      allergy: "penicillin",
    },
    {
      seed: 1003,
      given: "Lina",
      family: "Haddad",
      gender: "female",
      birthDate: "2001-02-17",
      story: "asthma",
      years: 2,
      visitsPerYear: 2,
      allergy: "peanut",
    },
  ],
} as const satisfies { ana: SyntheticPatientOptions; others: readonly SyntheticPatientOptions[] };

/**
 * A patient with a long, dense record for benchmarks: a decade and more of diabetes care with
 * glucose readings sent in from home, well over 5,000 observations.
 */
export function largePatient(seed: number, years = 12): SyntheticPatientOptions {
  return {
    seed,
    given: `Bench${seed}`,
    family: "Patient",
    gender: seed % 2 === 0 ? "female" : "male",
    birthDate: "1960-06-01",
    story: "type2-diabetes",
    years,
    visitsPerYear: 4,
    homeReadingsPerWeek: 8,
    allergy: seed % 3 === 0 ? "penicillin" : "none-known",
  };
}
