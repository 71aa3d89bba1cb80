import { describe, expect, it } from "vitest";
import { commonPasswordCount, newPasswordProblem } from "./password-policy.ts";

const none = {};

describe("newPasswordProblem", () => {
  it("accepts 8 to 64 characters of anything, with no composition rules", () => {
    expect(newPasswordProblem("glasshouse", none)).toBeNull();
    expect(newPasswordProblem("correct horse battery staple", none)).toBeNull();
    expect(newPasswordProblem("mqwpzrtk", none)).toBeNull();
    expect(newPasswordProblem("🌵".repeat(64), none)).toBeNull();
    expect(newPasswordProblem("ночь над рекой", none)).toBeNull();
    expect(newPasswordProblem("山上的小房子很好", none)).toBeNull();
  });

  it("counts code points after NFKC, not UTF-16 units", () => {
    // Seven emoji are 14 UTF-16 units but seven characters.
    expect(newPasswordProblem("🌵".repeat(7), none)).toBe("passwordTooShort");
    expect(newPasswordProblem("🌵".repeat(8), none)).toBeNull();
    // "ﬀ" is one code point that NFKC turns into "ff".
    expect(newPasswordProblem("ﬀ".repeat(4), none)).toBeNull();
  });

  it("refuses fewer than 8 and more than 64 characters", () => {
    expect(newPasswordProblem("", none)).toBe("passwordTooShort");
    expect(newPasswordProblem("seven77", none)).toBe("passwordTooShort");
    expect(newPasswordProblem("q".repeat(65), none)).toBe("passwordTooLong");
    expect(newPasswordProblem("q".repeat(64), none)).toBeNull();
  });

  it("refuses common passwords, whatever their case", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    for (const common of [
      "password",
      "12345678",
      "Password1",
      "iloveyou",
      "QWERTYUIOP",
      "trustno1",
    ])
      expect(newPasswordProblem(common, none), common).toBe("passwordCommon");
  });

  it("refuses a password built on the username or email address", () => {
    const rosa = { username: "rosa", email: "rosa.m@example.org" };
    expect(newPasswordProblem("rosa2024!", rosa)).toBe("passwordLikeUsername");
    expect(newPasswordProblem("RosaRosaRosa", rosa)).toBe("passwordLikeUsername");
    expect(newPasswordProblem("rosa.m@example.org", rosa)).toBe("passwordLikeUsername");
    expect(newPasswordProblem("rosa.m123", rosa)).toBe("passwordLikeUsername");
    // The name inside a longer phrase is fine: the rest carries the strength.
    expect(newPasswordProblem("rosa grows tall sunflowers", rosa)).toBeNull();
    // Names too short to mean anything are not looked for.
    expect(newPasswordProblem("al-sunflowers", { username: "al" })).toBeNull();
  });
});
