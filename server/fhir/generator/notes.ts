import type { StoryName } from "./stories.ts";

export interface VisitFacts {
  date: string;
  given: string;
  age: number;
  gender: "female" | "male";
  story: StoryName;
  annual: boolean;
  yearsSinceDiagnosis: number;
  systolic: number;
  diastolic: number;
  weightKg: number;
  /** Lab results of this visit, already formatted ("Hemoglobin A1c 7.1 %"). */
  results: string[];
  /** The previous A1c, for the trend sentence of a diabetic's note. */
  previousA1c: number | undefined;
  a1c: number | undefined;
  medications: string[];
}

const reasons: Record<StoryName, string> = {
  "type2-diabetes": "type 2 diabetes",
  hypertension: "high blood pressure",
  asthma: "asthma",
};

/**
 * A progress note in the plain-text style of the notes real exports carry base64-encoded in
 * DocumentReference.content and DiagnosticReport.presentedForm.
 */
export function progressNote(facts: VisitFacts): string {
  const person = facts.gender === "female" ? "woman" : "man";
  const pronoun = facts.gender === "female" ? "She" : "He";
  const reason = reasons[facts.story];
  const lines = [
    facts.date,
    "",
    "# Chief complaint",
    facts.annual ? "Annual physical examination." : `Follow-up of ${reason}.`,
    "",
    "# History of present illness",
    `${facts.given} is a ${facts.age} year-old ${person} with ${reason}, diagnosed ${describeYears(facts.yearsSinceDiagnosis)}.`,
    `${pronoun} reports taking medications as prescribed and no side effects.`,
    "",
    "# Vital signs",
    `Blood pressure ${facts.systolic}/${facts.diastolic} mmHg. Weight ${facts.weightKg} kg.`,
  ];
  if (facts.results.length) lines.push("", "# Results", ...facts.results);
  lines.push("", "# Assessment and plan", assessment(facts));
  if (facts.medications.length)
    lines.push("", "# Medications", ...facts.medications.map((m) => `- ${m}`));
  return `${lines.join("\n")}\n`;
}

function assessment(facts: VisitFacts): string {
  if (facts.story === "type2-diabetes" && facts.a1c !== undefined) {
    const trend =
      facts.previousA1c === undefined
        ? ""
        : facts.a1c < facts.previousA1c - 0.1
          ? `, down from ${facts.previousA1c} %`
          : facts.a1c > facts.previousA1c + 0.1
            ? `, up from ${facts.previousA1c} %`
            : ", stable";
    const goal = facts.a1c <= 7 ? "at goal" : "above the goal of 7 %";
    return `Type 2 diabetes: A1c ${facts.a1c} %${trend}, ${goal}. Continue the current plan; diet and activity reviewed. Recheck A1c in 3 months.`;
  }
  if (facts.story === "hypertension") {
    const controlled = facts.systolic < 135 && facts.diastolic < 85;
    return controlled
      ? "Hypertension, controlled. Continue current medications. Home readings encouraged."
      : "Hypertension, not at goal. Medication adjusted; reduce salt; recheck in 3 months.";
  }
  if (facts.story === "asthma") {
    return "Asthma, well controlled on the current plan. Reviewed inhaler technique and the action plan.";
  }
  return "Stable. Continue the current plan.";
}

function describeYears(years: number): string {
  if (years < 0.1) return "today";
  if (years < 1) return `${Math.max(1, Math.round(years * 12))} months ago`;
  const whole = Math.round(years);
  return whole === 1 ? "a year ago" : `${whole} years ago`;
}
