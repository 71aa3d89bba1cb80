/**
 * The clinical vocabulary of synthetic patients: real LOINC, SNOMED CT, RxNorm and CVX codes with
 * UCUM units and usual adult reference ranges, so generated records look like the exports of a
 * US clinic and exercise the same code paths.
 */
export const systems = {
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
  rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm",
  cvx: "http://hl7.org/fhir/sid/cvx",
  ucum: "http://unitsofmeasure.org",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  v2_0074: "http://terminology.hl7.org/CodeSystem/v2-0074",
  interpretation: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
  conditionClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  conditionVerification: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
  conditionCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  allergyClinical: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
  allergyVerification: "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  npi: "http://hl7.org/fhir/sid/us-npi",
} as const;

export interface Test {
  loinc: string;
  display: string;
  unit: string;
  low?: number;
  high?: number;
  decimals: number;
}

const test = (
  loinc: string,
  display: string,
  unit: string,
  decimals: number,
  low?: number,
  high?: number,
): Test => ({
  loinc,
  display,
  unit,
  decimals,
  ...(low !== undefined ? { low } : {}),
  ...(high !== undefined ? { high } : {}),
});

export const tests = {
  hba1c: test("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 1, 4, 5.6),
  glucose: test("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 0, 70, 99),
  glucometer: test("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer", "mg/dL", 0),
  urea: test("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 0, 7, 20),
  creatinine: test("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 2, 0.5, 1.1),
  sodium: test("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 0, 136, 145),
  potassium: test("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 1, 3.5, 5.1),
  chloride: test("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "mmol/L", 0, 98, 107),
  co2: test(
    "2028-9",
    "Carbon dioxide, total [Moles/volume] in Serum or Plasma",
    "mmol/L",
    0,
    22,
    29,
  ),
  calcium: test("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 1, 8.6, 10.3),
  egfr: test(
    "33914-3",
    "Glomerular filtration rate/1.73 sq M.predicted",
    "mL/min/{1.73_m2}",
    0,
    60,
  ),
  cholesterol: test(
    "2093-3",
    "Cholesterol [Mass/volume] in Serum or Plasma",
    "mg/dL",
    0,
    undefined,
    200,
  ),
  triglycerides: test(
    "2571-8",
    "Triglyceride [Mass/volume] in Serum or Plasma",
    "mg/dL",
    0,
    undefined,
    150,
  ),
  hdl: test("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 0, 40),
  ldl: test(
    "18262-6",
    "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay",
    "mg/dL",
    0,
    undefined,
    100,
  ),
  wbc: test("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 1, 4.5, 11),
  hemoglobin: test("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 1, 12, 15.5),
  hematocrit: test(
    "4544-3",
    "Hematocrit [Volume Fraction] of Blood by Automated count",
    "%",
    1,
    36,
    46,
  ),
  platelets: test(
    "777-3",
    "Platelets [#/volume] in Blood by Automated count",
    "10*3/uL",
    0,
    150,
    400,
  ),
  uacr: test("9318-7", "Albumin/Creatinine [Mass Ratio] in Urine", "mg/g{creat}", 0, undefined, 30),
  tsh: test("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 2, 0.4, 4),
} as const;

export type TestKey = keyof typeof tests;

export interface Panel {
  loinc: string;
  display: string;
  tests: readonly TestKey[];
}

export const panels = {
  a1c: { loinc: "4548-4", display: "Hemoglobin A1c", tests: ["hba1c", "glucose"] },
  bmp: {
    loinc: "51990-0",
    display: "Basic metabolic panel - Blood",
    tests: [
      "glucose",
      "urea",
      "creatinine",
      "sodium",
      "potassium",
      "chloride",
      "co2",
      "calcium",
      "egfr",
    ],
  },
  lipids: {
    loinc: "57698-3",
    display: "Lipid panel with direct LDL - Serum or Plasma",
    tests: ["cholesterol", "triglycerides", "hdl", "ldl"],
  },
  cbc: {
    loinc: "58410-2",
    display: "CBC panel - Blood by Automated count",
    tests: ["wbc", "hemoglobin", "hematocrit", "platelets"],
  },
  uacr: { loinc: "14959-1", display: "Microalbumin/Creatinine panel - Urine", tests: ["uacr"] },
  tsh: { loinc: "3016-3", display: "Thyroid stimulating hormone", tests: ["tsh"] },
} as const satisfies Record<string, Panel>;

export const vitals = {
  bloodPressure: { loinc: "85354-9", display: "Blood pressure panel with all children optional" },
  systolic: { loinc: "8480-6", display: "Systolic blood pressure", unit: "mm[Hg]" },
  diastolic: { loinc: "8462-4", display: "Diastolic blood pressure", unit: "mm[Hg]" },
  heartRate: { loinc: "8867-4", display: "Heart rate", unit: "/min" },
  respiratoryRate: { loinc: "9279-1", display: "Respiratory rate", unit: "/min" },
  temperature: { loinc: "8310-5", display: "Body temperature", unit: "Cel" },
  weight: { loinc: "29463-7", display: "Body weight", unit: "kg" },
  height: { loinc: "8302-2", display: "Body height", unit: "cm" },
  bmi: { loinc: "39156-5", display: "Body mass index (BMI) [Ratio]", unit: "kg/m2" },
  oxygen: {
    loinc: "59408-5",
    display: "Oxygen saturation in Arterial blood by Pulse oximetry",
    unit: "%",
  },
} as const;

export interface Coded {
  code: string;
  display: string;
}

export const conditions = {
  diabetes: { code: "44054006", display: "Diabetes mellitus type 2 (disorder)" },
  hyperlipidemia: { code: "55822004", display: "Hyperlipidemia (disorder)" },
  hypertension: {
    code: "38341003",
    display: "Hypertensive disorder, systemic arterial (disorder)",
  },
  asthma: { code: "195967001", display: "Asthma (disorder)" },
  obesity: { code: "162864005", display: "Body mass index 30+ - obesity (finding)" },
  sinusitis: { code: "444814009", display: "Viral sinusitis (disorder)" },
  pharyngitis: { code: "195662009", display: "Acute viral pharyngitis (disorder)" },
} as const satisfies Record<string, Coded>;

export interface Drug extends Coded {
  dose: string;
  timing: { frequency: number; period: number; periodUnit: "d" };
  asNeeded?: boolean;
}

export const drugs = {
  metformin500: {
    code: "860975",
    display: "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet",
    dose: "Take 1 tablet by mouth once daily with the evening meal",
    timing: { frequency: 1, period: 1, periodUnit: "d" },
  },
  metformin1000: {
    code: "860975",
    display: "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet",
    dose: "Take 2 tablets by mouth once daily with the evening meal",
    timing: { frequency: 1, period: 1, periodUnit: "d" },
  },
  atorvastatin: {
    code: "617310",
    display: "Atorvastatin 20 MG Oral Tablet",
    dose: "Take 1 tablet by mouth once daily",
    timing: { frequency: 1, period: 1, periodUnit: "d" },
  },
  lisinopril: {
    code: "314076",
    display: "Lisinopril 10 MG Oral Tablet",
    dose: "Take 1 tablet by mouth once daily",
    timing: { frequency: 1, period: 1, periodUnit: "d" },
  },
  amlodipine: {
    code: "197361",
    display: "Amlodipine 5 MG Oral Tablet",
    dose: "Take 1 tablet by mouth once daily",
    timing: { frequency: 1, period: 1, periodUnit: "d" },
  },
  albuterol: {
    code: "745679",
    display: "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler",
    dose: "Inhale 2 puffs every 4 to 6 hours as needed for wheezing",
    timing: { frequency: 6, period: 1, periodUnit: "d" },
    asNeeded: true,
  },
  fluticasone: {
    code: "895994",
    display: "120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler",
    dose: "Inhale 2 puffs twice daily; rinse mouth after use",
    timing: { frequency: 2, period: 1, periodUnit: "d" },
  },
  acetaminophen: {
    code: "313782",
    display: "Acetaminophen 325 MG Oral Tablet",
    dose: "Take 2 tablets by mouth every 6 hours as needed for pain",
    timing: { frequency: 4, period: 1, periodUnit: "d" },
    asNeeded: true,
  },
} as const satisfies Record<string, Drug>;

export const vaccines = {
  flu: { code: "140", display: "Influenza, seasonal, injectable, preservative free" },
  tdap: { code: "115", display: "Tdap" },
  covid: {
    code: "208",
    display:
      "SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose",
  },
  pneumococcal: { code: "133", display: "Pneumococcal conjugate PCV 13" },
  zoster: { code: "187", display: "zoster vaccine recombinant" },
} as const satisfies Record<string, Coded>;

export const allergies = {
  noneKnown: { code: "716186003", display: "No known allergy (situation)" },
  penicillin: { code: "764146007", display: "Penicillin (substance)" },
  peanut: { code: "762952008", display: "Peanut (substance)" },
  hives: { code: "126485001", display: "Urticaria (disorder)" },
  anaphylaxis: { code: "39579001", display: "Anaphylaxis (disorder)" },
} as const satisfies Record<string, Coded>;

export const procedures = {
  retinalExam: { code: "36228007", display: "Ophthalmic examination and evaluation (procedure)" },
  footExam: { code: "401191002", display: "Diabetic foot examination (regime/therapy)" },
  medicationReview: { code: "430193006", display: "Medication Reconciliation (procedure)" },
  spirometry: { code: "127783003", display: "Spirometry (procedure)" },
  depressionScreening: { code: "171207006", display: "Depression screening (procedure)" },
} as const satisfies Record<string, Coded>;

export const carePlans = {
  diabetes: { code: "698360004", display: "Diabetes self management plan" },
  hypertension: {
    code: "443402002",
    display: "Lifestyle education regarding hypertension (procedure)",
  },
  asthma: { code: "699728000", display: "Asthma self management" },
} as const satisfies Record<string, Coded>;

export const encounterTypes = {
  checkUp: { code: "185349003", display: "Encounter for check up (procedure)" },
  followUp: { code: "390906007", display: "Follow-up encounter (procedure)" },
  symptom: { code: "185345009", display: "Encounter for symptom (procedure)" },
} as const satisfies Record<string, Coded>;

export const smoking = {
  status: { loinc: "72166-2", display: "Tobacco smoking status" },
  never: { code: "266919005", display: "Never smoked tobacco (finding)" },
  former: { code: "8517006", display: "Ex-smoker (finding)" },
} as const;

export const notes = {
  progress: { loinc: "11506-3", display: "Progress note" },
  historyAndPhysical: { loinc: "34117-2", display: "History and physical note" },
} as const;
