import { describe, expect, it } from "vitest";
import { checksPass, compareAnswers } from "./identity-check.ts";
import type { IdentityOnFile } from "./identity-on-file.ts";
import { samePhone } from "./identity-on-file.ts";

const onFile: IdentityOnFile = {
  birthDate: "1978-04-12",
  postalCodes: ["SW1A 1AA"],
  phones: ["555-0212"],
  emails: ["ana@example.org"],
};

describe("the identity checklist", () => {
  it("compares each answer with what is on file, forgiving spacing, case and country codes", () => {
    expect(
      compareAnswers(
        { birthDate: "1978-04-12", postalCode: "sw1a1aa", phone: "+1 555 0212", email: "" },
        onFile,
      ),
    ).toEqual({ birthDate: "match", postalCode: "match", phone: "match", email: "notAsked" });
    expect(samePhone("0212", "555-0212")).toBe(false);
  });

  it("passes with two matches including the date of birth, and nothing wrong", () => {
    const pass = (answers: Record<string, string>) =>
      checksPass(compareAnswers(answers, onFile), onFile);
    expect(pass({ birthDate: "1978-04-12", email: "ANA@example.org" })).toBe(true);
    expect(pass({ postalCode: "SW1A 1AA", email: "ana@example.org" })).toBe(false);
    expect(pass({ birthDate: "1978-04-12" })).toBe(false);
    expect(pass({ birthDate: "1978-04-12", email: "ana@example.org", phone: "555-0213" })).toBe(
      false,
    );
  });

  it("does not ask for what is not on file", () => {
    const noDate = { ...onFile, birthDate: null };
    const checks = compareAnswers({ birthDate: "1978-04-12", email: "ana@example.org" }, noDate);
    expect(checks.birthDate).toBe("notOnFile");
    expect(checksPass(checks, noDate)).toBe(false);
  });
});
