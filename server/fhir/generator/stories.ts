import type { Random } from "./random.ts";

/** The chronic conditions a synthetic patient can live with for years. */
export type StoryName = "type2-diabetes" | "hypertension" | "asthma";

/** A measurement's expected value `t` years after diagnosis, before day-to-day noise. */
export interface Trajectories {
  systolic(t: number): number;
  diastolic(t: number): number;
  weightKg(t: number): number;
  hba1c(t: number): number;
  ldl(t: number): number;
  hdl(t: number): number;
  triglycerides(t: number): number;
  egfr(t: number): number;
  potassium(t: number): number;
  uacr(t: number): number;
}

/**
 * How each story's numbers move: a diabetic's A1c falls over the months after metformin starts
 * and creeps up again over the years; LDL drops when the statin starts; blood pressure falls in
 * steps as drugs are added; kidney function declines slowly. Each patient gets their own
 * baseline from the seeded random numbers.
 */
export function trajectoriesFor(story: StoryName, random: Random, heightCm: number): Trajectories {
  const baseWeight = random.normal(story === "asthma" ? 24 : 31, 1.5) * (heightCm / 100) ** 2;
  const egfr0 = random.normal(story === "asthma" ? 108 : 94, 4);
  const hdl0 = random.normal(story === "type2-diabetes" ? 43 : 55, 3);
  const common = {
    hdl: () => hdl0,
    egfr: (t: number) => egfr0 - (story === "type2-diabetes" ? 1.6 : 0.9) * t,
    potassium: (t: number) => (story === "hypertension" && t > 0 ? 4.45 : 4.2),
  };
  switch (story) {
    case "type2-diabetes":
      return {
        ...common,
        systolic: (t) => 136 - 8 * (1 - Math.exp(-t / 1.5)),
        diastolic: (t) => 86 - 6 * (1 - Math.exp(-t / 1.5)),
        weightKg: (t) => baseWeight - 4.5 * (1 - Math.exp(-t)) + 0.4 * Math.max(0, t - 3),
        hba1c: (t) => 6.8 + 1.8 * Math.exp(-t / 0.45) + 0.09 * t,
        ldl: (t) => (t < 0.3 ? 166 : 96 + 3 * Math.sin(t)),
        triglycerides: (t) => (t < 0.3 ? 205 : 150),
        uacr: (t) => 11 + 3.5 * t,
      };
    case "hypertension":
      return {
        ...common,
        systolic: (t) => (t <= 0 ? 154 : t < 1 ? 143 : 129),
        diastolic: (t) => (t <= 0 ? 97 : t < 1 ? 91 : 81),
        weightKg: (t) => baseWeight - 1.5 * (1 - Math.exp(-t / 2)),
        hba1c: () => 5.4,
        ldl: () => 121,
        triglycerides: () => 135,
        uacr: () => 9,
      };
    case "asthma":
      return {
        ...common,
        systolic: () => 114,
        diastolic: () => 72,
        weightKg: () => baseWeight,
        hba1c: () => 5.1,
        ldl: () => 92,
        triglycerides: () => 85,
        uacr: () => 6,
      };
  }
}
